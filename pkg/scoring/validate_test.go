package scoring

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// doc is the default profile as a JSON document, to break in tests.
func doc(t *testing.T) map[string]any {
	t.Helper()
	return asJSON(t, DefaultProfile()).(map[string]any)
}

func indicatorAt(d map[string]any, i int) map[string]any {
	return d["indicators"].([]any)[i].(map[string]any)
}

func messages(t *testing.T, v any) []string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ParseProfile(raw).Problems {
		out = append(out, p.Message)
	}
	return out
}

func expectMessages(t *testing.T, v any, want ...string) {
	t.Helper()
	if got := messages(t, v); !slices.Equal(got, want) { // nil and empty both mean no problems, and slices.Equal holds them equal
		t.Fatalf("problems:\n got %q\nwant %q", got, want)
	}
}

// The cases below are those of src/scoring/profile/validate.test.ts: the messages must be the same words.
func TestValidationNamesNonMonotonicThresholds(t *testing.T) {
	for _, c := range []struct {
		i     int
		field string
		v     float64
		want  string
	}{
		{2, "warning", 95, "indicators[2].warning must lie between target and critical"},
		{2, "warning", 70, "indicators[2].warning must lie between target and critical"},
		{0, "critical", 0.2, "indicators[0].critical must be greater than target"},
		{4, "critical", 99.95, "indicators[4].critical must be less than target"},
		{4, "warning", 98, "indicators[4].warning must lie between target and critical"},
	} {
		d := doc(t)
		indicatorAt(d, c.i)[c.field] = c.v
		expectMessages(t, d, c.want)
	}
}

func TestValidationReportsEveryProblemInDocumentOrder(t *testing.T) {
	d := doc(t)
	ind := indicatorAt(d, 1)
	ind["weight"], ind["direction"] = -1, "up"
	d["aggregation"] = "average"
	indicatorAt(d, 3)["id"] = "cpu"
	d["sla"].(map[string]any)["period"] = "30 days"
	d["domains"].(map[string]any)["baselineOffset"] = ""
	expectMessages(t, d,
		`aggregation must be "weighted" or "worst"`,
		`indicators[1].direction must be "lower" or "higher"`,
		`indicators[1].weight must not be negative`,
		`indicators[3].id must be unique: "cpu" is used by an earlier indicator`,
		`domains.baselineOffset must be a positive duration such as "5m", "1h30m" or "7d", at most 10y`,
		`sla.period must be "month" or a positive duration such as "5m", "1h30m" or "7d", at most 10y`,
	)
}

func TestValidationOfEmptyQueriesAndWeights(t *testing.T) {
	d := doc(t)
	indicatorAt(d, 0)["query"] = "  "
	expectMessages(t, d, "indicators[0].query must not be empty")
	d = doc(t)
	indicatorAt(d, 5)["query"] = "" // throughput is disabled
	expectMessages(t, d)

	zero := doc(t)
	for i := range 6 {
		indicatorAt(zero, i)["weight"] = 0
	}
	expectMessages(t, zero, "indicators must include an enabled indicator with a positive weight")
	zero["aggregation"] = "worst"
	expectMessages(t, zero)
	off := doc(t)
	off["aggregation"] = "worst"
	for i := range 6 {
		indicatorAt(off, i)["enabled"] = false
	}
	expectMessages(t, off, "indicators must include an enabled indicator")
}

func TestValidationOfDomainsSLAAndTiers(t *testing.T) {
	d := doc(t)
	dm := d["domains"].(map[string]any)
	dm["system"] = map[string]any{"target": 4.7, "warning": 7}
	dm["mode"], dm["domainLatencyQuery"] = "baseline", ""
	sla := d["sla"].(map[string]any)
	sla["target"] = 100
	sla["burnRateTiers"] = []any{
		map[string]any{"name": "fast", "budgetFraction": 0, "longWindow": "5m", "shortWindow": "1h", "severity": "page"},
		map[string]any{"name": "fast", "budgetFraction": 0.1, "longWindow": "1 h", "shortWindow": "5m", "severity": "info", "enabled": "yes"},
	}
	// Overrides are read in document order: keep it with raw JSON.
	dm["overrides"] = json.RawMessage(`{"compliance_evaluation": {"target": 2, "warning": 1, "critical": 6}, "quality_validation": 3}`)
	expectMessages(t, d,
		"domains.overrides.compliance_evaluation.warning must lie between target and critical",
		"domains.overrides.quality_validation must be an object",
		"domains.system.critical must be a finite number",
		"domains.domainLatencyQuery must not be empty",
		"sla.target must be greater than 0 and less than 100",
		"sla.burnRateTiers[0].budgetFraction must be greater than 0 and at most 1",
		"sla.burnRateTiers[0].shortWindow must be shorter than longWindow",
		`sla.burnRateTiers[0].severity must be "critical" or "warning" or "info"`,
		`sla.burnRateTiers[1].name must be unique: "fast" is used by an earlier tier`,
		`sla.burnRateTiers[1].longWindow must be a positive duration such as "5m", "1h30m" or "7d", at most 10y`,
		"sla.burnRateTiers[1].enabled must be true or false",
	)
}

func TestValidationOfTheServiceLabel(t *testing.T) {
	for _, label := range []string{"job", "service_name", "app", "_x", "Service2"} {
		d := doc(t)
		d["serviceLabel"] = label
		raw, _ := json.Marshal(d)
		if parsed := ParseProfile(raw); parsed.Profile == nil || parsed.Profile.ServiceLabel != label {
			t.Errorf("serviceLabel %q: problems %v", label, parsed.Problems)
		}
	}
	notAName := func(quoted string) string {
		return "serviceLabel must be a Prometheus label name (letters, digits and _, not starting with a digit or __), not " + quoted
	}
	reserved := `serviceLabel cannot be "le" or "domain": PerfScope's queries use those labels for buckets and domains`
	for _, c := range []struct {
		label any
		want  string
	}{
		{"", notAName(`""`)}, {"1x", notAName(`"1x"`)}, {"__x", notAName(`"__x"`)}, {"__name__", notAName(`"__name__"`)},
		{"a-b", notAName(`"a-b"`)}, {"app.name", notAName(`"app.name"`)}, {"job\n", notAName(`"job\n"`)},
		{"le", reserved}, {"domain", reserved}, {7, "serviceLabel must be a string"}, {[]any{"job"}, "serviceLabel must be a string"},
	} {
		d := doc(t)
		d["serviceLabel"] = c.label
		expectMessages(t, d, c.want)
	}
	// The check sits between aggregation and indicators, as src/scoring reports it.
	d := doc(t)
	d["aggregation"], d["serviceLabel"], d["indicators"] = "mean", "le", "latency"
	expectMessages(t, d, `aggregation must be "weighted" or "worst"`, reserved, "indicators must be a list")
	// Absent (or null, as src/scoring reads it) is the default.
	for _, v := range []any{nil, "absent"} {
		d := doc(t)
		if d["serviceLabel"] = v; v == "absent" {
			delete(d, "serviceLabel")
		}
		raw, _ := json.Marshal(d)
		if parsed := ParseProfile(raw); parsed.Profile == nil || parsed.Profile.ServiceLabel != "service" {
			t.Errorf("serviceLabel %v: want the default service, got problems %v", v, parsed.Problems)
		}
	}
}

func TestValidationOfWhatIsNotAProfile(t *testing.T) {
	expectMessages(t, []any{}, "the profile must be a JSON object")
	expectMessages(t, map[string]any{"indicators": "latency"}, "indicators must be a list")
	expectMessages(t, map[string]any{"indicators": []any{map[string]any{"id": ""}}},
		"indicators[0].id must be a non-empty string",
		`indicators[0].direction must be "lower" or "higher"`,
		"indicators[0].target must be a finite number",
		"indicators[0].warning must be a finite number",
		"indicators[0].critical must be a finite number",
		"indicators[0].weight must be a finite number",
		"indicators[0].query must not be empty",
		"indicators must include an enabled indicator with a positive weight",
	)
	if p := ParseProfile([]byte(`{"aggregation": "weighted",`)); len(p.Problems) != 1 || p.Profile != nil {
		t.Fatalf("malformed JSON: %+v", p.Problems)
	}
}

func TestParseFillsAbsentOptionalFieldsFromTheDefaults(t *testing.T) {
	parsed := ParseProfile([]byte(`{"indicators": [{"id": "p99", "direction": "lower", "target": 1, "warning": 2, "critical": 3, "weight": 1, "query": "up"}], "sla": {"period": "month"}}`))
	if len(parsed.Problems) > 0 {
		t.Fatal(parsed.Problems)
	}
	want := DefaultProfile()
	want.Indicators = []Indicator{{ID: "p99", Name: "p99", Direction: "lower", Target: 1, Warning: 2, Critical: 3, Weight: 1, Enabled: true, Query: "up"}}
	want.SLA.Period = CalendarMonth
	if !reflect.DeepEqual(parsed.Profile, want) {
		t.Fatalf("got %+v\nwant %+v", parsed.Profile, want)
	}
	d := doc(t)
	indicatorAt(d, 0)["weight"] = "heavy"
	raw, _ := json.Marshal(d)
	bad := ParseProfile(raw)
	if bad.Profile != nil || !reflect.DeepEqual(bad.Problems, []Problem{{Path: "indicators[0].weight", Message: "indicators[0].weight must be a finite number"}}) {
		t.Fatalf("got %+v", bad.Problems)
	}
}

func TestSubstituteVariablesLeavesStringsAlone(t *testing.T) {
	got := SubstituteVariables(`sum(rate(x{a="$service"}[$__rate_interval] offset $__range)) > ${threshold} and on() [[other]] > 0`)
	want := `sum(rate(x{a="$service"}[5m] offset 5m)) > 1 and on() 1 > 0`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
