package plugin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/internal/jsondiff"
	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// The golden frames: each query type's whole answer, dashboard and alert, for the fixture scenarios at their
// evaluation time, compared field by field, value by value and config by config with testdata/golden/<case>.jsonc.
// They pin every frame the handlers build, so moving a rule (rules.go) or a handler changes nothing unseen.
// `go test ./pkg/plugin -run TestGoldenFrames -update` rewrites them (and the frame contract) from what the
// handlers answer now; review the diff.

// goldenCase is one query of the golden frames.
type goldenCase struct {
	name    string
	model   map[string]any
	alert   bool
	noData  bool             // the answer is no data
	profile *scoring.Profile // nil: the default one
	series  bool             // over the fixtures' 12 h series at their 1 m step, not the last hour at 5 m
}

func goldenCases() []goldenCase {
	baseline := scoring.DefaultProfile()
	baseline.Domains.Mode = scoring.ModeBaseline
	q := func(queryType string, kv ...any) map[string]any {
		m := map[string]any{"queryType": queryType}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	errorRate := map[string]any{"kind": "indicator", "indicator": "error_rate", "band": "critical"}
	promqlExpr := `sum by (service, code) (rate(http_requests_total{service=~"$service"}[$__rate_interval]))`
	cases := []goldenCase{
		{name: "health", model: q("health")},
		{name: "health-one-service", model: q("health", "service", "degraded")},
		{name: "domain-overhead", model: q("domainOverhead")},
		{name: "domain-overhead-baseline", model: q("domainOverhead"), profile: baseline},
		{name: "domain-overhead-excluding", model: q("domainOverhead", "service", "domain-overhead", "excludeDomain", "quality_validation|compliance_.*")},
		{name: "sla", model: q("sla")},
		{name: "sla-calendar-month", model: q("sla"), profile: monthProfile()},
		{name: "mttr-indicator", model: q("mttr", "condition", errorRate), series: true},
		{name: "mttr-score", model: q("mttr", "condition", map[string]any{"kind": "score", "band": "warning"})},
		{name: "mttr-tier", model: q("mttr", "condition", map[string]any{"kind": "tier", "tier": "slow-drain"})},
		{name: "promql", model: q("promql", "expr", promqlExpr)},
		{name: "alert-promql", model: q("promql", "expr", promqlExpr), alert: true},
		{name: "alert-mttr", model: q("mttr", "condition", errorRate), alert: true, series: true},
		{name: "alert-sla-tier-firing-one-tier", model: q("sla", "measure", "tierFiring", "tier", "budget-drain"), alert: true},
		{name: "group", model: q("group"), profile: portfolioProfile()},
		{name: "alert-group-groupScore", model: q("group", "measure", "groupScore"), alert: true, profile: portfolioProfile()},
		{name: "alert-group-groupPolicyState", model: q("group", "measure", "groupPolicyState"), alert: true, profile: portfolioProfile()},
	}
	for _, qt := range []models.QueryType{models.QueryTypeHealth, models.QueryTypeDomainOverhead, models.QueryTypeSLA} {
		for _, m := range models.Measures[qt] {
			cases = append(cases, goldenCase{name: fmt.Sprintf("alert-%s-%s", qt, m), model: q(string(qt), "measure", string(m)), alert: true})
		}
	}
	for _, qt := range models.QueryTypes {
		m := q(string(qt), "service", "no-such-service")
		switch qt {
		case models.QueryTypeMTTR:
			m["condition"] = errorRate
		case models.QueryTypePromQL:
			m["expr"] = `http_requests_total{service="no-such-service"}`
		}
		cases = append(cases, goldenCase{name: "no-data-" + string(qt), model: m, noData: true})
	}
	cases = append(cases, goldenCase{name: "no-data-alert-health", model: q("health", "service", "no-such-service"), alert: true, noData: true})
	return cases
}

func TestGoldenFrames(t *testing.T) {
	f := loadFixture(t)
	contract := frameContract{}
	for _, c := range goldenCases() {
		t.Run(c.name, func(t *testing.T) {
			from, step := f.eval.Add(-time.Hour), 5*time.Minute
			if c.series {
				from, step = time.Unix(f.Series.StartUnix, 0), time.Duration(f.Series.StepSeconds)*time.Second
			}
			c.model["rateInterval"] = f.RateInterval
			var headers map[string]string
			if c.alert {
				headers = alertHeader
			}
			dr := f.plugin(t, c.profile).query(t, headers, dataQuery("A", c.model, from, f.eval, step)).Responses["A"]
			if dr.Error != nil {
				t.Fatal(dr.Error)
			}
			raw := checkGolden(t, c.name, c.model, dr)
			contract.add(t, c, raw)
		})
	}
	t.Run("contract", func(t *testing.T) { contract.check(t) })
}

// goldenDir holds the golden frames, one file per case.
var goldenDir = filepath.Join("testdata", "golden")

// checkGolden compares a response with testdata/golden/<name>.jsonc (its frames as tables in comments, then
// the response's JSON as Grafana receives it), naming the first difference; -update writes it instead. It
// returns the response's JSON.
func checkGolden(t *testing.T, name string, model map[string]any, dr backend.DataResponse) []byte {
	t.Helper()
	got, err := json.MarshalIndent(dr, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(goldenDir, name+".jsonc")
	if *update {
		query, _ := json.Marshal(model)
		var head strings.Builder
		fmt.Fprintf(&head, "// Golden frames of the query %s (go test ./pkg/plugin -run TestGoldenFrames -update writes them).\n", query)
		for _, fr := range dr.Frames {
			table, err := fr.StringTable(-1, 12)
			if err != nil {
				t.Fatal(err)
			}
			head.WriteString("//\n// " + strings.ReplaceAll(strings.TrimRight(table, "\n"), "\n", "\n// ") + "\n")
		}
		if err := os.MkdirAll(goldenDir, 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append([]byte(head.String()), append(inlineScalars(got), '\n')...), 0o600); err != nil {
			t.Fatal(err)
		}
		return got
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: write it with go test ./pkg/plugin -run TestGoldenFrames -update", err)
	}
	var body []byte
	for line := range bytes.Lines(file) {
		if !bytes.HasPrefix(line, []byte("//")) {
			body = append(body, line...)
		}
	}
	var want, have any
	if err := json.Unmarshal(body, &want); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := json.Unmarshal(got, &have); err != nil {
		t.Fatal(err)
	}
	if d := jsondiff.Difference(have, want, "response"); d != "" {
		t.Errorf("the frames differ from %s%s (if the change is meant, accept it with go test ./pkg/plugin -run TestGoldenFrames -update and review the diff):\n%s",
			path, where(dr, d), d)
	}
	return got
}

var framePath = regexp.MustCompile(`^response\.frames\[(\d+)\]\.(?:schema\.fields|data\.values)\[(\d+)\]`)

// where names the frame and field a difference is in, as the response has them: " in frame "SLA", field
// "Availability"".
func where(dr backend.DataResponse, difference string) string {
	m := framePath.FindStringSubmatch(difference)
	if m == nil {
		return ""
	}
	fi, _ := strconv.Atoi(m[1])
	fld, _ := strconv.Atoi(m[2])
	if fi >= len(dr.Frames) || fld >= len(dr.Frames[fi].Fields) {
		return ""
	}
	f := dr.Frames[fi].Fields[fld]
	return fmt.Sprintf(" in frame %q, field %q %v", dr.Frames[fi].Name, f.Name, f.Labels)
}

// inlineScalars puts each list of scalars (numbers, strings, booleans, nulls) and each small object of
// scalars of indented JSON on one line: a series' values, a type version, a threshold step. The golden files
// read, and diff, by series and by step rather than by value.
func inlineScalars(indented []byte) []byte {
	lines := strings.Split(string(indented), "\n")
	scalar := func(line string, member bool) (string, bool) {
		v := strings.TrimSuffix(strings.TrimSpace(line), ",")
		value := v
		if member {
			key, rest, ok := strings.Cut(v, ": ")
			if !ok || !json.Valid([]byte(key)) {
				return "", false
			}
			value = rest
		}
		return v, value != "" && value[0] != '{' && value[0] != '[' && json.Valid([]byte(value))
	}
	var out []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		list, object := strings.HasSuffix(line, "["), strings.HasSuffix(line, "{")
		if !list && !object {
			out = append(out, line)
			continue
		}
		j, items := i+1, []string{}
		for j < len(lines) {
			item, ok := scalar(lines[j], object)
			if !ok {
				break
			}
			items, j = append(items, item), j+1
		}
		closing := "]"
		if object {
			closing = "}"
		}
		if len(items) == 0 || j >= len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[j]), closing) || (object && len(items) > 4) {
			out = append(out, line)
			continue
		}
		out = append(out, line+strings.Join(items, ", ")+strings.TrimSpace(lines[j]))
		i = j
	}
	return []byte(strings.Join(out, "\n"))
}

// The frame contract, testdata/frames/contract.json: per query type, the frames the handlers answer as the
// frontend receives them (names, field names and types, the labels of value fields, the frame type or the
// table hint), the no-data frame's name, and each alert measure's numeric frame and labels. The panels read
// these names back (src/datasource/frameContract.test.ts checks them against the same file).
var contractPath = filepath.Join("..", "..", "testdata", "frames", "contract.json")

type contractField struct {
	Name   string   `json:"name"`
	Type   string   `json:"type"`
	Labels []string `json:"labels,omitempty"`
}

type contractFrame struct {
	Name          string          `json:"name"`
	Type          string          `json:"type,omitempty"`          // meta.type
	Visualisation string          `json:"visualisation,omitempty"` // meta.preferredVisualisationType
	Fields        []contractField `json:"fields"`
}

type contractMeasure struct {
	Frame  string   `json:"frame"`
	Labels []string `json:"labels"`
}

type contractQueryType struct {
	Frames []contractFrame            `json:"frames"`
	NoData string                     `json:"noData"`
	Alert  map[string]contractMeasure `json:"alert,omitempty"`
	seen   map[string]map[string]bool // frame -> field keys added
}

// frameContract is the contract the golden cases' answers make, by query type.
type frameContract map[string]*contractQueryType

// wireFrame is a frame as the frontend receives it, what the contract reads of it.
type wireFrame struct {
	Schema struct {
		Name string `json:"name"`
		Meta *struct {
			Type          string `json:"type"`
			Visualisation string `json:"preferredVisualisationType"`
		} `json:"meta"`
		Fields []struct {
			Name   string            `json:"name"`
			Type   string            `json:"type"`
			Labels map[string]string `json:"labels"`
		} `json:"fields"`
	} `json:"schema"`
}

// promqlFrame is how the contract names a promql series' frame and value field, whatever the series.
const promqlFrame = "the series' __name__, or Value"

func (fc frameContract) add(t *testing.T, c goldenCase, raw []byte) {
	t.Helper()
	var resp struct {
		Frames []wireFrame `json:"frames"`
	}
	if err := json.Unmarshal(raw, &resp); err != nil {
		t.Fatal(err)
	}
	qt := c.model["queryType"].(string)
	if fc[qt] == nil {
		fc[qt] = &contractQueryType{Alert: map[string]contractMeasure{}, seen: map[string]map[string]bool{}}
	}
	ct := fc[qt]
	if c.noData {
		if len(resp.Frames) != 1 || len(resp.Frames[0].Schema.Fields) != 0 {
			t.Fatalf("no data should be one frame without fields, not %s", raw)
		}
		ct.NoData = resp.Frames[0].Schema.Name
		return
	}
	if c.alert {
		if qt == string(models.QueryTypePromQL) {
			return // a promql alert answers a number per series, labelled as the series
		}
		measure, _ := c.model["measure"].(string)
		if measure == "" {
			measure = string(models.Measures[models.QueryType(qt)][0])
		}
		for _, fr := range resp.Frames {
			ct.Alert[measure] = contractMeasure{Frame: fr.Schema.Name, Labels: slices.Sorted(maps.Keys(fr.Schema.Fields[0].Labels))}
		}
		return
	}
	for _, fr := range resp.Frames {
		frame := contractFrame{Name: fr.Schema.Name, Fields: []contractField{}}
		if qt == string(models.QueryTypePromQL) {
			frame.Name = promqlFrame
		}
		if m := fr.Schema.Meta; m != nil {
			frame.Type, frame.Visualisation = m.Type, m.Visualisation
		}
		id := frame.Name + "|" + frame.Type + "|" + frame.Visualisation // the SLA query has a series and a table called SLA
		if ct.seen[id] == nil {
			ct.Frames = append(ct.Frames, frame)
			ct.seen[id] = map[string]bool{}
		}
		i := slices.IndexFunc(ct.Frames, func(f contractFrame) bool { return f.Name+"|"+f.Type+"|"+f.Visualisation == id })
		for _, fld := range fr.Schema.Fields {
			cf := contractField{Name: fld.Name, Type: fld.Type, Labels: slices.Sorted(maps.Keys(fld.Labels))}
			if qt == string(models.QueryTypePromQL) {
				cf.Labels = nil
				if fld.Type != "time" {
					cf.Name = promqlFrame
				}
			}
			key := fmt.Sprint(cf)
			if !ct.seen[id][key] {
				ct.seen[id][key] = true
				ct.Frames[i].Fields = append(ct.Frames[i].Fields, cf)
			}
		}
	}
}

// check compares the contract the answers made with testdata/frames/contract.json (-update writes it), and
// that the golden cases cover every query type and measure.
func (fc frameContract) check(t *testing.T) {
	t.Helper()
	for _, qt := range models.QueryTypes {
		ct := fc[string(qt)]
		if ct == nil || len(ct.Frames) == 0 || ct.NoData == "" {
			t.Fatalf("the golden cases answer no frames, or no no-data frame, for %s queries", qt)
		}
		for _, m := range models.Measures[qt] {
			if _, ok := ct.Alert[string(m)]; !ok {
				t.Errorf("no golden case of the %s measure of %s queries", m, qt)
			}
		}
	}
	got, err := json.MarshalIndent(struct {
		Comment    string        `json:"comment"`
		QueryTypes frameContract `json:"queryTypes"`
	}{"The frames the PerfScope datasource answers, per query type, as the panels read them back: checked by " +
		"pkg/plugin (TestGoldenFrames/contract, go test ./pkg/plugin -run TestGoldenFrames -update rewrites it) " +
		"and by src/datasource/frameContract.test.ts against the names the panels read.", fc}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(contractPath, got, 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(contractPath)
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: %v", contractPath, err)
	}
	_ = json.Unmarshal(got, &g)
	if d := jsondiff.Difference(g, w, "contract"); d != "" {
		t.Errorf("the frames the handlers answer are not those of %s: the panels read these names, so change the contract "+
			"only with them (go test ./pkg/plugin -run TestGoldenFrames -update, then npx jest src/datasource/frameContract.test.ts):\n%s",
			contractPath, d)
	}
}
