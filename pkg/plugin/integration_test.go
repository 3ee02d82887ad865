package plugin

import (
	"encoding/json"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
	"github.com/perfscope/perfscope/tools/fixtures"
)

// scenarioExpect is the hand-written part of a scenario's expectations (testdata/scenarios/<name>.json).
type scenarioExpect struct {
	SubScores map[string]float64 `json:"subScores"`
	Score     float64            `json:"score"`
	Band      string             `json:"band"`
	CappedBy  *string            `json:"cappedBy"`
	Domains   map[string]struct {
		Overhead float64 `json:"overhead"`
		Band     string  `json:"band"`
	} `json:"domains"`
	System struct {
		Overhead float64 `json:"overhead"`
		Band     string  `json:"band"`
	} `json:"system"`
	SLA struct {
		Availability    float64            `json:"availability"`
		BudgetRemaining float64            `json:"budgetRemaining"`
		BurnRates       map[string]float64 `json:"burnRates"`
		TiersFiring     []string           `json:"tiersFiring"`
	} `json:"sla"`
	Breaches map[string]struct {
		MTTRSeconds *float64 `json:"mttrSeconds"`
	} `json:"breaches"`
}

type fixture struct {
	*fixtures.Expected
	url    string
	eval   time.Time
	expect map[string]scenarioExpect
}

// loadFixture reads testdata/scenarios/expected.json for the fixture Prometheus the runner started.
func loadFixture(t *testing.T) *fixture {
	t.Helper()
	url := fixturePrometheus(t)
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scenarios", fixtures.ExpectedFile))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{Expected: &fixtures.Expected{}, url: url, expect: map[string]scenarioExpect{}}
	if err := json.Unmarshal(raw, f.Expected); err != nil {
		t.Fatal(err)
	}
	f.eval = time.Unix(f.EvalUnix, 0).UTC()
	for name, s := range f.Scenarios {
		var e scenarioExpect
		if err := json.Unmarshal(s.Expect, &e); err != nil {
			t.Fatalf("%s expect: %v", name, err)
		}
		f.expect[name] = e
	}
	return f
}

// the last hour up to the evaluation time, at a 1m step, with the fixtures' 5m rate interval
func (f *fixture) query(refID string, model map[string]any) backend.DataQuery {
	model["rateInterval"] = f.RateInterval
	return dataQuery(refID, model, f.eval.Add(-time.Hour), f.eval, time.Minute)
}

func (f *fixture) plugin(t *testing.T, profile *scoring.Profile) *plugin {
	t.Helper()
	jsonData := map[string]any{"url": f.url}
	if profile != nil {
		jsonData["profile"] = profile
	}
	return servePlugin(t, jsonData, nil, f.eval)
}

func (f *fixture) scenarios() []string {
	var names []string
	for name := range f.Scenarios {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func TestHealthQueryMatchesEveryScenario(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	resp := p.query(t, nil, f.query("A", map[string]any{"queryType": "health"}))
	dr := resp.Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	table := rows(t, dr.Frames, "Latest health")
	names, byID := map[string]string{}, map[string]scoring.Indicator{}
	for _, ind := range scoring.DefaultProfile().Indicators {
		names[ind.Name], byID[ind.ID] = ind.ID, ind
	}
	for _, name := range f.scenarios() {
		values, expect := f.Scenarios[name].Values, f.expect[name]
		seen := 0
		for _, row := range table {
			if row["Service"] != name {
				continue
			}
			seen++
			id := names[row["Indicator"].(string)]
			expectNear(t, name+" "+id+" value", row["Value"].(float64), values.Indicators[id])
			ind := byID[id]
			if got := [4]any{row["Unit"], row["Target"], row["Warning"], row["Critical"]}; got != [4]any{ind.Unit, ind.Target, ind.Warning, ind.Critical} {
				t.Errorf("%s %s unit and thresholds %v, want the profile's", name, id, got)
			}
			expectNear(t, name+" "+id+" sub-score", row["Sub-score"].(float64), expect.SubScores[id])
			expectNear(t, name+" score", row["Score"].(float64), expect.Score)
			if row["Score band"] != expect.Band {
				t.Errorf("%s band %v, want %s", name, row["Score band"], expect.Band)
			}
			capped := ""
			if expect.CappedBy != nil {
				capped = *expect.CappedBy
			}
			if got := names[row["Capped by"].(string)]; got != capped {
				t.Errorf("%s capped by %q, want %q", name, got, capped)
			}
		}
		if seen != 5 {
			t.Errorf("%s: %d indicator rows, want the 5 enabled ones", name, seen)
		}
		expectNear(t, name+" score series", lastValue(fieldWith(t, dr.Frames, "Health score", data.Labels{"service": name})), expect.Score)
	}
	if cfg := fieldWith(t, dr.Frames, "Value", nil).Config; cfg != nil && cfg.Unit != "" {
		t.Errorf("the values of indicators in seconds and percent have one unit, %q", cfg.Unit)
	}
}

// When every enabled indicator has the same unit, the latest values and thresholds carry it as Grafana's unit.
func TestLatestHealthValuesInOneUnitCarryIt(t *testing.T) {
	f := loadFixture(t)
	profile := scoring.DefaultProfile()
	for i := range profile.Indicators {
		profile.Indicators[i].Enabled = profile.Indicators[i].Unit == "percent"
		profile.Indicators[i].Unit = "%" // the profile may write units its own way
	}
	dr := f.plugin(t, profile).query(t, nil, f.query("A", map[string]any{"queryType": "health", "service": "healthy"})).Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	for _, name := range []string{"Value", "Target", "Warning", "Critical"} {
		if cfg := fieldWith(t, dr.Frames, name, nil).Config; cfg == nil || cfg.Unit != "percent" {
			t.Errorf("%s: config %+v, want unit percent", name, cfg)
		}
	}
	if table := rows(t, dr.Frames, "Latest health"); len(table) != 4 || table[0]["Unit"] != "percent" {
		t.Errorf("latest health %v, want the 4 percent indicators in unit percent", table)
	}
}

// Over the fixtures' 12 h series span, each sub-score series follows the expected indicator series point by point.
func TestHealthSeriesFollowTheScenarioSeries(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	start := time.Unix(f.Series.StartUnix, 0)
	q := dataQuery("A", map[string]any{"queryType": "health", "service": "incident", "rateInterval": f.RateInterval},
		start, f.eval, time.Duration(f.Series.StepSeconds)*time.Second)
	dr := p.query(t, nil, q).Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	for _, ind := range scoring.DefaultProfile().Indicators[:2] {
		want := f.Scenarios["incident"].Values.Series[ind.ID]
		field := fieldWith(t, dr.Frames, "Sub-score", data.Labels{"service": "incident", "indicator": ind.ID})
		times := dr.Frames[0].Fields[0]
		if field.Len() != len(want) || times.At(0).(time.Time).Unix() != f.Series.StartUnix {
			t.Fatalf("%s: %d points from %v, want %d from %d", ind.ID, field.Len(), times.At(0), len(want), f.Series.StartUnix)
		}
		for i, v := range want {
			got, _ := field.ConcreteAt(i)
			expectNear(t, ind.ID+" sub-score at "+times.At(i).(time.Time).Format(time.RFC3339), got.(float64),
				scoring.SubScore(v, ind.Thresholds(), ind.Higher()))
		}
	}
}

func TestDomainOverheadQueryMatchesEveryScenario(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	profile, baselineProfile := scoring.DefaultProfile(), scoring.DefaultProfile()
	baselineProfile.Domains.Mode = scoring.ModeBaseline
	pb := f.plugin(t, baselineProfile)
	share := p.query(t, nil, f.query("A", map[string]any{"queryType": "domainOverhead"})).Responses["A"]
	baseline := pb.query(t, nil, f.query("B", map[string]any{"queryType": "domainOverhead"})).Responses["B"]
	if share.Error != nil || baseline.Error != nil {
		t.Fatal(share.Error, baseline.Error)
	}
	for _, name := range f.scenarios() {
		values, expect := f.Scenarios[name].Values, f.expect[name]
		for domain, want := range values.DomainOverhead {
			expectNear(t, name+" "+domain+" overhead", lastValue(fieldWith(t, share.Frames, "Overhead", data.Labels{"service": name, "domain": domain})), want)
			expectNear(t, name+" "+domain+" baseline overhead",
				lastValue(fieldWith(t, baseline.Frames, "Overhead", data.Labels{"service": name, "domain": domain})), values.Baseline.DomainChangePercent[domain])
		}
		expectNear(t, name+" system overhead", lastValue(fieldWith(t, share.Frames, "System overhead", data.Labels{"service": name})), values.SystemOverhead)
		seen := 0
		for _, row := range rows(t, share.Frames, "Latest overhead") {
			if row["Service"] != name {
				continue
			}
			seen++
			want, limits := expect.System.Band, profile.Domains.System
			if d, ok := expect.Domains[row["Domain"].(string)]; ok {
				want, limits = d.Band, profile.Domains.For(row["Domain"].(string))
			} else if row["Domain"] != "System total" {
				t.Errorf("%s: unexpected domain %v", name, row["Domain"])
			}
			if row["Band"] != want {
				t.Errorf("%s %s band %v, want %s", name, row["Domain"], row["Band"], want)
			}
			if got := [3]any{row["Target"], row["Warning"], row["Critical"]}; got != [3]any{limits.Target, limits.Warning, limits.Critical} {
				t.Errorf("%s %s thresholds %v, want %+v", name, row["Domain"], got, limits)
			}
		}
		if want := len(expect.Domains) + 1; seen != want || len(expect.Domains) != len(values.DomainOverhead) {
			t.Errorf("%s: %d latest overhead rows, want %d (each domain and the system total)", name, seen, want)
		}
	}
}

func TestSLAQueryMatchesEveryScenario(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	dr := p.query(t, nil, f.query("A", map[string]any{"queryType": "sla"})).Responses["A"]
	slaTable, burnRates, tiers := slaRows(t, f, dr), rows(t, dr.Frames, "Burn rates"), rows(t, dr.Frames, "Burn-rate tiers")
	for _, name := range f.scenarios() {
		values, expect := f.Scenarios[name].Values, f.expect[name]
		sla := serviceRows(slaTable, name)
		if len(sla) != 1 {
			t.Fatalf("%s: %d SLA rows, want 1", name, len(sla))
		}
		expectNear(t, name+" availability", sla[0]["Availability"].(float64), scoring.Availability(values.ErrorRatio["30d"]))
		expectNear(t, name+" availability (scenario)", sla[0]["Availability"].(float64), expect.SLA.Availability)
		expectNear(t, name+" budget remaining", sla[0]["Error budget remaining"].(float64), expect.SLA.BudgetRemaining)
		expectNear(t, name+" latency compliance", sla[0]["Latency SLO compliance"].(float64), values.LatencyCompliance["30d"])
		var windows []string
		for _, row := range serviceRows(burnRates, name) {
			w := row["Window"].(string)
			windows = append(windows, w)
			expectNear(t, name+" error ratio "+w, row["Error ratio"].(float64), values.ErrorRatio[w])
			expectNear(t, name+" burn rate "+w, row["Burn rate"].(float64), expect.SLA.BurnRates[w])
		}
		if want := slices.Sorted(maps.Keys(expect.SLA.BurnRates)); !slices.Equal(slices.Sorted(slices.Values(windows)), want) {
			t.Errorf("%s burn rate windows %v, want %v", name, windows, want)
		}
		var firing, all []string
		for _, row := range serviceRows(tiers, name) {
			all = append(all, row["Tier"].(string))
			if row["Firing"].(bool) {
				firing = append(firing, row["Tier"].(string))
			}
		}
		if want := []string{"fast-burn", "slow-burn", "budget-drain", "slow-drain"}; !slices.Equal(all, want) {
			t.Errorf("%s tiers %v, want the profile's %v", name, all, want)
		}
		if !slices.Equal(firing, expect.SLA.TiersFiring) && (len(firing) != 0 || len(expect.SLA.TiersFiring) != 0) {
			t.Errorf("%s tiers firing %v, want %v", name, firing, expect.SLA.TiersFiring)
		}
		budget := fieldWith(t, dr.Frames, "Error budget remaining", data.Labels{"service": name})
		expectNear(t, name+" burn-down at the end", lastValue(budget), expect.SLA.BudgetRemaining)
	}
}

func TestMTTRQueryMatchesTheIncidentBreaches(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	step := time.Duration(f.Series.StepSeconds) * time.Second
	q := dataQuery("A", map[string]any{"queryType": "mttr", "rateInterval": f.RateInterval,
		"condition": map[string]any{"kind": "indicator", "indicator": "error_rate", "band": "critical"}},
		time.Unix(f.Series.StartUnix, 0), f.eval, step)
	dr := p.query(t, nil, q).Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	for _, name := range f.scenarios() {
		want := f.Scenarios[name].Values.Breaches["error_rate > 1"]
		var resolved [][2]int64
		var open *int64
		for _, row := range rows(t, dr.Frames, "Breaches") {
			if row["Service"] != name {
				continue
			}
			start, end := row["Start"].(time.Time).Unix(), row["Last sample in breach"].(time.Time).Unix()
			if row["Open"].(bool) {
				open = &start
			} else {
				resolved = append(resolved, [2]int64{start, end})
			}
		}
		var wantResolved [][2]int64
		for _, iv := range want.Resolved {
			wantResolved = append(wantResolved, [2]int64{iv.Start, iv.End})
		}
		if !slices.Equal(resolved, wantResolved) || (open == nil) != (want.Open == nil) || (open != nil && *open != *want.Open) {
			t.Errorf("%s breaches %v open %v, want %v open %v", name, resolved, open, wantResolved, want.Open)
		}
		mttr := serviceRows(rows(t, dr.Frames, "MTTR"), name)
		if len(mttr) != 1 {
			t.Fatalf("%s: %d MTTR rows, want 1", name, len(mttr))
		}
		wantMTTR := math.NaN()
		if m := f.expect[name].Breaches["error_rate > 1"].MTTRSeconds; m != nil {
			wantMTTR = *m
		}
		expectNear(t, name+" MTTR", mttr[0]["MTTR"].(float64), wantMTTR)
	}
}

// In alert mode a promql query is one number per series, at the end of the range.
func TestPromQLPassthroughAlertsOnItsOwnSeries(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	expr := `sum by (service) (rate(http_requests_total{service=~"$service"}[$__rate_interval]))`
	got := alertNumbers(t, "promql", p.query(t, alertHeader, f.query("P", map[string]any{"queryType": "promql", "expr": expr})).Responses["P"])
	want := map[string]float64{}
	for _, name := range f.scenarios() {
		var total float64
		for _, v := range f.Scenarios[name].Values.RequestsPerSecondByCode {
			total += v
		}
		want[labelsKey("service", name)] = total
	}
	expectNumbers(t, "requests per second", got, want)
}

// A profile whose queries write Grafana's ${service:regex}, [[service]] and ${__rate_interval} forms scores as
// the default one: the datasource fills every form in (it used to send ${service:regex} to Prometheus as it was).
func TestHealthQueryFillsInEveryVariableForm(t *testing.T) {
	f := loadFixture(t)
	profile := scoring.DefaultProfile()
	forms := []string{"${service:regex}", "[[service]]", "${service:pipe}", "${service}"}
	for i := range profile.Indicators {
		q := &profile.Indicators[i].Query
		*q = strings.ReplaceAll(*q, "$service", forms[i%len(forms)])
		*q = strings.ReplaceAll(*q, "$__rate_interval", "${__rate_interval}")
	}
	p := f.plugin(t, profile)
	resp := p.query(t, nil, f.query("A", map[string]any{"queryType": "health", "service": "incident|healthy"}))
	dr := resp.Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	for _, name := range []string{"incident", "healthy"} {
		expectNear(t, name+" score", lastValue(fieldWith(t, dr.Frames, "Health score", data.Labels{"service": name})), f.expect[name].Score)
	}
}
