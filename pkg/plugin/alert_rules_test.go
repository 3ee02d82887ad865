package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/common/model"
	"go.yaml.in/yaml/v3"

	"github.com/perfscope/perfscope/pkg/prom"
)

// The checked-in Grafana alert rules that ask the PerfScope datasource, evaluated as Grafana evaluates them at
// the fixture's time: their PerfScope queries through the plugin over gRPC with the alert header, their
// PromQL queries (the traffic guard) straight to the fixture Prometheus as the Prometheus datasource sends
// them, then their server-side expressions. Each scenario must fire what testdata/alerts/firing.json says.

const (
	perfscopeUID  = "perfscope-health"
	prometheusUID = "perfscope-prometheus"
	expressionUID = "__expr__"
)

type provisionedRules struct {
	Groups []struct {
		Rules []alertRule `yaml:"rules"`
	} `yaml:"groups"`
}

type alertRule struct {
	UID       string       `yaml:"uid"`
	Condition string       `yaml:"condition"`
	Data      []alertQuery `yaml:"data"`
}

type alertQuery struct {
	RefID             string `yaml:"refId"`
	QueryType         string `yaml:"queryType"`
	RelativeTimeRange struct {
		From int64 `yaml:"from"`
		To   int64 `yaml:"to"`
	} `yaml:"relativeTimeRange"`
	DatasourceUID string         `yaml:"datasourceUid"`
	Model         map[string]any `yaml:"model"`
}

// number is one labelled value of a query or an expression; a nil value is null.
type number struct {
	labels data.Labels
	value  *float64
}

// readNumbers reads an alert response as Grafana alerting does: every frame numeric with one value field of
// at most one row, no label set twice. A frame without fields is "no data".
func readNumbers(t *testing.T, what string, dr backend.DataResponse) []number {
	t.Helper()
	if dr.Error != nil {
		t.Fatalf("%s: %v", what, dr.Error)
	}
	var out []number
	seen := map[string]bool{}
	for _, fr := range dr.Frames {
		if fr.Meta == nil || fr.Meta.Type != data.FrameTypeNumericMulti {
			t.Fatalf("%s: frame %q is not numeric (meta %+v)", what, fr.Name, fr.Meta)
		}
		if len(fr.Fields) == 0 {
			continue
		}
		if n, _ := fr.RowLen(); len(fr.Fields) != 1 || n != 1 {
			t.Fatalf("%s: frame %q has %d fields and %d rows, want one number", what, fr.Name, len(fr.Fields), n)
		}
		field := fr.Fields[0]
		if key := field.Labels.String(); seen[key] {
			t.Fatalf("%s: two numbers labelled {%s}; Grafana alerting rejects the response", what, key)
		} else {
			seen[key] = true
		}
		v := lastValue(field)
		out = append(out, number{labels: field.Labels, value: nullable(v)})
	}
	return out
}

func loadRules(t *testing.T) []alertRule {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "provisioning", "alerting", "perfscope-rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var file provisionedRules
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	var rules []alertRule
	for _, g := range file.Groups {
		rules = append(rules, g.Rules...)
	}
	return rules
}

// expectedFiring reads testdata/alerts/firing.json: per scenario, the rule uids (uid/domain) that fire.
func expectedFiring(t *testing.T) map[string][]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "alerts", "firing.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Firing map[string][]string `json:"firing"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	return file.Firing
}

func onPerfScope(r alertRule) bool {
	return slices.ContainsFunc(r.Data, func(q alertQuery) bool { return q.DatasourceUID == perfscopeUID })
}

func TestPerfScopeAlertRulesFireForTheirScenarios(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	client, err := prom.New(f.url, http.DefaultClient, 4, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var uids []string
	fired := map[string][]string{} // scenario (service) -> uid or uid/domain
	for _, rule := range loadRules(t) {
		if !onPerfScope(rule) {
			continue
		}
		uids = append(uids, rule.UID)
		results := queryRule(t, f, p, client, rule)
		for _, q := range rule.Data {
			if q.DatasourceUID == expressionUID {
				results[q.RefID] = evaluate(t, rule.UID, q, results)
			}
		}
		condition, ok := results[rule.Condition]
		if !ok {
			t.Fatalf("%s: the condition %s is none of its queries and expressions", rule.UID, rule.Condition)
		}
		for _, n := range condition {
			// Grafana: a non-zero condition fires, zero is Normal, null is No Data.
			if n.value == nil || *n.value == 0 {
				continue
			}
			instance := rule.UID
			if d, ok := n.labels["domain"]; ok {
				instance += "/" + d
			}
			fired[n.labels["service"]] = append(fired[n.labels["service"]], instance)
		}
	}
	slices.Sort(uids)
	want := []string{"perfscope-budget-policy-freeze", "perfscope-budget-policy-page", "perfscope-burn-rate-budget-drain", "perfscope-burn-rate-fast-burn", "perfscope-burn-rate-slow-burn",
		"perfscope-burn-rate-slow-drain", "perfscope-domain-overhead-warning", "perfscope-health-score-critical",
		"perfscope-health-score-info", "perfscope-health-score-warning", "perfscope-system-overhead-critical"}
	if !slices.Equal(uids, want) {
		t.Errorf("rules on the PerfScope datasource %v, want %v", uids, want)
	}
	for scenario, all := range expectedFiring(t) {
		var expect []string
		for _, instance := range all {
			if slices.Contains(uids, strings.SplitN(instance, "/", 2)[0]) {
				expect = append(expect, instance)
			}
		}
		got := fired[f.Scenarios[scenario].Service]
		slices.Sort(expect)
		slices.Sort(got)
		if !slices.Equal(got, expect) {
			t.Errorf("%s fires %v, want %v", scenario, got, expect)
		}
	}
}

// queryRule runs a rule's queries at the fixture's time: those on the PerfScope datasource in one request, as
// Grafana sends a datasource's queries, and its PromQL as instant queries.
func queryRule(t *testing.T, f *fixture, p *plugin, client *prom.Client, rule alertRule) map[string][]number {
	t.Helper()
	results := map[string][]number{}
	queries := perfscopeQueries(t, f.eval, rule)
	for _, q := range rule.Data {
		switch q.DatasourceUID {
		case perfscopeUID:
		case prometheusUID:
			expr, _ := q.Model["expr"].(string)
			v, err := client.Query(context.Background(), expr, f.eval.Add(-time.Duration(q.RelativeTimeRange.To)*time.Second))
			if err != nil {
				t.Fatalf("%s %s: %v", rule.UID, q.RefID, err)
			}
			results[q.RefID] = vectorNumbers(v)
		case expressionUID:
		default:
			t.Fatalf("%s %s: datasource %q is neither PerfScope's, its Prometheus nor an expression", rule.UID, q.RefID, q.DatasourceUID)
		}
	}
	resp := p.query(t, alertHeader, queries...)
	for _, q := range queries {
		results[q.RefID] = readNumbers(t, rule.UID+" "+q.RefID, resp.Responses[q.RefID])
	}
	return results
}

func modelNumber(t *testing.T, q alertQuery, key string) float64 {
	t.Helper()
	v, ok := q.Model[key].(int)
	if !ok {
		t.Fatalf("query %s: model.%s is %v, not a number", q.RefID, key, q.Model[key])
	}
	return float64(v)
}

// vectorNumbers is an instant vector as the Prometheus datasource gives it to alerting: one number per
// series, labelled without the metric name.
func vectorNumbers(v model.Vector) []number {
	out := make([]number, len(v))
	for i, s := range v {
		labels := data.Labels{}
		for k, val := range s.Metric {
			if k != model.MetricNameLabel {
				labels[string(k)] = string(val)
			}
		}
		x := float64(s.Value)
		out[i] = number{labels: labels, value: &x}
	}
	return out
}

// evaluate runs a server-side expression, the part of Grafana's the rules use: a threshold above or below a
// number, and math comparing references with numbers joined by &&.
func evaluate(t *testing.T, uid string, q alertQuery, results map[string][]number) []number {
	t.Helper()
	input := func(ref string) []number {
		in, ok := results[ref]
		if !ok {
			t.Fatalf("%s %s: $%s is not a query or an expression before it", uid, q.RefID, ref)
		}
		return in
	}
	expression, _ := q.Model["expression"].(string)
	switch q.Model["type"] {
	case "threshold":
		var model struct {
			Conditions []struct {
				Evaluator struct {
					Type   string    `json:"type"`
					Params []float64 `json:"params"`
				} `json:"evaluator"`
			} `json:"conditions"`
		}
		raw, _ := json.Marshal(q.Model)
		if err := json.Unmarshal(raw, &model); err != nil || len(model.Conditions) != 1 || len(model.Conditions[0].Evaluator.Params) != 1 {
			t.Fatalf("%s %s: a threshold with one condition of one number, not %v (%v)", uid, q.RefID, q.Model["conditions"], err)
		}
		e := model.Conditions[0].Evaluator
		op := map[string]string{"gt": ">", "lt": "<"}[e.Type]
		if op == "" {
			t.Fatalf("%s %s: threshold type %q is not one this test evaluates", uid, q.RefID, e.Type)
		}
		return compare(input(expression), op, e.Params[0])
	case "math":
		var out []number
		for i, part := range strings.Split(expression, " && ") {
			m := comparison.FindStringSubmatch(part)
			if m == nil {
				t.Fatalf("%s %s: %q is not $REF op number", uid, q.RefID, part)
			}
			n, err := strconv.ParseFloat(m[3], 64)
			if err != nil {
				t.Fatal(err)
			}
			next := compare(input(m[1]), m[2], n)
			if i == 0 {
				out = next
			} else if out, err = and(out, next); err != nil {
				t.Fatalf("%s %s: %v", uid, q.RefID, err)
			}
		}
		return out
	}
	t.Fatalf("%s %s: expression type %v is not one this test evaluates", uid, q.RefID, q.Model["type"])
	return nil
}

var comparison = regexp.MustCompile(`^\$(\w+) (>=|<=|>|<) (\S+)$`)

// compare is 1 where the comparison holds, 0 where not, null where the number is null.
func compare(in []number, op string, n float64) []number {
	out := make([]number, len(in))
	for i, x := range in {
		out[i] = number{labels: x.labels}
		if x.value == nil {
			continue
		}
		v := *x.value
		holds := map[string]bool{">": v > n, "<": v < n, ">=": v >= n, "<=": v <= n}[op]
		out[i].value = nullable(b2f(holds))
	}
	return out
}

// and joins two sets as Grafana's math does: two numbers meet when their labels are equal or one set of
// labels contains the other, and the result carries the larger set. A number without a partner is dropped;
// two results with the same labels are Grafana's error.
func and(a, b []number) ([]number, error) {
	var out []number
	seen := map[string]bool{}
	for _, x := range a {
		for _, y := range b {
			labels := x.labels
			switch {
			case x.labels.Contains(y.labels):
			case y.labels.Contains(x.labels):
				labels = y.labels
			default:
				continue
			}
			key := labels.String()
			if seen[key] {
				return nil, fmt.Errorf("two results labelled {%s}", key)
			}
			seen[key] = true
			r := number{labels: labels}
			if x.value != nil && y.value != nil {
				r.value = nullable(b2f(*x.value != 0 && *y.value != 0))
			}
			out = append(out, r)
		}
	}
	return out, nil
}
