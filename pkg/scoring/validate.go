package scoring

import (
	"context"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
)

// Problem is one thing wrong with a profile: the field's path, a message that starts with it (the same
// words as src/scoring's validator) and, for PromQL, the parser's own words.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
	Detail  string `json:"detail,omitempty"`
}

// pendingQuery is a query whose PromQL syntax is still to be checked, and where its problem would go.
type pendingQuery struct {
	at         int // index into the problems when it was read
	path, expr string
}

// reader mirrors src/scoring/profile/validate.ts: it collects problems while reading fields, and absent
// fields fall back to the given defaults.
type reader struct {
	problems []Problem
	queries  []pendingQuery
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func (r *reader) problem(path, text string) {
	r.problems = append(r.problems, Problem{Path: path, Message: path + " " + text})
}

func (r *reader) object(v any, path string) object {
	if o, ok := v.(object); ok {
		return o
	}
	r.problem(path, "must be an object")
	return nil
}

// field is the field's value, or the fallback when it is absent.
func field(o object, name string, fallback any) any {
	if v, ok := o.get(name); ok {
		return v
	}
	return fallback
}

func (r *reader) number(o object, name, path string, fallback any) float64 {
	v, ok := field(o, name, fallback).(float64)
	if !ok || math.IsInf(v, 0) || math.IsNaN(v) {
		r.problem(join(path, name), "must be a finite number")
		return math.NaN()
	}
	if math.Abs(v) > MaxNumber {
		r.problem(join(path, name), "must lie between -1e12 and 1e12")
		return math.NaN()
	}
	return v
}

// MaxNumber bounds every number of a profile: far past any threshold or weight in use, and small enough that
// the scoring's sums and differences of them stay exact enough and finite. As src/scoring/profile/validate.ts.
const MaxNumber = 1e12

func (r *reader) string(o object, name, path string, fallback any) string {
	v, ok := field(o, name, fallback).(string)
	if !ok {
		r.problem(join(path, name), "must be a string")
		return ""
	}
	return v
}

// name reads a required, non-empty identifier.
func (r *reader) name(o object, name, path string) string {
	v, ok := field(o, name, nil).(string)
	if !ok || strings.TrimSpace(v) == "" {
		r.problem(join(path, name), "must be a non-empty string")
		return ""
	}
	return v
}

func (r *reader) boolean(o object, name, path string, fallback bool) bool {
	v, ok := field(o, name, fallback).(bool)
	if !ok {
		r.problem(join(path, name), "must be true or false")
		return fallback
	}
	return v
}

func (r *reader) oneOf(o object, name, path string, allowed []string, fallback any) string {
	v, _ := field(o, name, fallback).(string)
	for _, a := range allowed {
		if v == a && field(o, name, fallback) != nil {
			return v
		}
	}
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = fmt.Sprintf("%q", a)
	}
	r.problem(join(path, name), "must be "+strings.Join(quoted, " or "))
	return allowed[0]
}

func (r *reader) duration(o object, name, path string, fallback any, alsoAllowed string) string {
	v, isString := field(o, name, fallback).(string)
	if alsoAllowed != "" && isString && v == alsoAllowed {
		return v
	}
	if _, ok := parseDurationMs(v); !isString || !ok {
		alternative := ""
		if alsoAllowed != "" {
			alternative = fmt.Sprintf("%q or ", alsoAllowed)
		}
		r.problem(join(path, name), "must be "+alternative+DurationRule)
		return ""
	}
	return v
}

// query reads a PromQL query; required queries must not be empty. Its syntax is checked later (CheckQueries).
func (r *reader) query(o object, name, path string, required bool, fallback any) string {
	q := r.string(o, name, path, fallback)
	if strings.TrimSpace(q) == "" {
		raw := field(o, name, nil)
		if raw == nil {
			raw = fallback
		}
		if _, isString := raw.(string); required && isString {
			r.problem(join(path, name), "must not be empty")
		}
		return q
	}
	r.queries = append(r.queries, pendingQuery{at: len(r.problems), path: join(path, name), expr: q})
	for _, text := range UnfilledFormats(q) {
		r.problem(join(path, name), "uses "+text+": PerfScope fills in the formats "+strings.Join(VariableFormats, ", "))
	}
	for _, text := range UnquotedVariables(q) {
		r.problem(join(path, name), "uses "+text+` outside a double-quoted string, where a viewer's value could end the selector: write it inside double quotes (=~"`+text+`"), where PerfScope escapes its value`)
	}
	return q
}

// thresholds reads target < warning < critical (reversed when higher).
func (r *reader) thresholds(v any, present bool, path string, higher bool, fallback *Thresholds) Thresholds {
	if !present && fallback != nil {
		return *fallback
	}
	o := r.object(v, path)
	if o == nil {
		return Thresholds{Target: math.NaN(), Warning: math.NaN(), Critical: math.NaN()}
	}
	t := Thresholds{Target: r.number(o, "target", path, nil), Warning: r.number(o, "warning", path, nil), Critical: r.number(o, "critical", path, nil)}
	r.order(t, path, higher)
	return t
}

func (r *reader) order(t Thresholds, path string, higher bool) {
	if math.IsNaN(t.Target) || math.IsNaN(t.Warning) || math.IsNaN(t.Critical) {
		return
	}
	sign, side := 1.0, "greater"
	if higher {
		sign, side = -1, "less"
	}
	if sign*t.Critical <= sign*t.Target {
		r.problem(path+".critical", "must be "+side+" than target")
	} else if !(sign*t.Target < sign*t.Warning && sign*t.Warning < sign*t.Critical) {
		r.problem(path+".warning", "must lie between target and critical")
	}
}

var labelName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// IsLabelName reports whether s is a Prometheus label name that is not one of Prometheus' own (__*).
func IsLabelName(s string) bool { return labelName.MatchString(s) && !strings.HasPrefix(s, "__") }

// serviceLabel reads the label that names services. As in src/scoring, null takes the default like absence.
func (r *reader) serviceLabel(o object, fallback string) string {
	v := field(o, "serviceLabel", nil)
	if v == nil {
		v = fallback
	}
	label, ok := v.(string)
	switch {
	case !ok:
		r.problem("serviceLabel", "must be a string")
		return ""
	case !IsLabelName(label):
		r.problem("serviceLabel", fmt.Sprintf(
			"must be a Prometheus label name (letters, digits and _, not starting with a digit or __), not %q", label))
	case label == "le" || label == "domain":
		r.problem("serviceLabel", `cannot be "le" or "domain": PerfScope's queries use those labels for buckets and domains`)
	}
	return label
}

func (r *reader) indicators(v any, aggregation string) []Indicator {
	list, ok := v.([]any)
	if !ok {
		r.problem("indicators", "must be a list")
		return nil
	}
	if len(list) == 0 {
		r.problem("indicators", "must not be empty")
		return nil
	}
	seen := map[string]bool{}
	var out []Indicator
	usable, positive := false, false
	for i, item := range list {
		path := fmt.Sprintf("indicators[%d]", i)
		o := r.object(item, path)
		if o == nil {
			continue
		}
		ind := Indicator{ID: r.name(o, "id", path)}
		if ind.ID != "" && seen[ind.ID] {
			r.problem(path+".id", fmt.Sprintf("must be unique: %q is used by an earlier indicator", ind.ID))
		}
		seen[ind.ID] = true
		ind.Name = r.string(o, "name", path, ind.ID)
		ind.Unit = r.string(o, "unit", path, "")
		ind.Direction = r.oneOf(o, "direction", path, []string{"lower", "higher"}, nil)
		ind.Target, ind.Warning, ind.Critical = r.number(o, "target", path, nil), r.number(o, "warning", path, nil), r.number(o, "critical", path, nil)
		if d, _ := field(o, "direction", nil).(string); d == "lower" || d == "higher" {
			r.order(ind.Thresholds(), path, ind.Direction == "higher")
		}
		ind.Weight = r.number(o, "weight", path, nil)
		if ind.Weight < 0 {
			r.problem(path+".weight", "must not be negative")
		}
		ind.Key = r.boolean(o, "key", path, false)
		ind.Enabled = r.boolean(o, "enabled", path, true)
		ind.Query = r.query(o, "query", path, ind.Enabled, "")
		usable = usable || ind.Enabled
		positive = positive || (ind.Enabled && ind.Weight > 0)
		out = append(out, ind)
	}
	if aggregation == Weighted && !positive {
		r.problem("indicators", "must include an enabled indicator with a positive weight")
	} else if !usable {
		r.problem("indicators", "must include an enabled indicator")
	}
	return out
}

func (r *reader) domains(v any, present bool, defaults Domains) Domains {
	o := object{}
	if present {
		if o = r.object(v, "domains"); o == nil {
			return defaults
		}
	}
	const path = "domains"
	d := Domains{Overrides: map[string]Thresholds{}}
	def, hasDef := o.get("defaults")
	d.Defaults = r.thresholds(def, hasDef, path+".defaults", false, &defaults.Defaults)
	if raw, ok := o.get("overrides"); ok {
		if overrides := r.object(raw, path+".overrides"); overrides != nil {
			for _, domain := range slices.Sorted(maps.Keys(overrides)) {
				d.Overrides[domain] = r.thresholds(overrides[domain], true, path+".overrides."+domain, false, nil)
			}
		}
	}
	sys, hasSys := o.get("system")
	d.System = r.thresholds(sys, hasSys, path+".system", false, &defaults.System)
	d.Mode = r.oneOf(o, "mode", path, []string{ModeShare, ModeBaseline}, defaults.Mode)
	d.BaselineOffset = r.duration(o, "baselineOffset", path, defaults.BaselineOffset, "")
	d.DomainTimeQuery = r.query(o, "domainTimeQuery", path, d.Mode == ModeShare, defaults.DomainTimeQuery)
	d.TotalTimeQuery = r.query(o, "totalTimeQuery", path, d.Mode == ModeShare, defaults.TotalTimeQuery)
	d.DomainLatencyQuery = r.query(o, "domainLatencyQuery", path, d.Mode == ModeBaseline, defaults.DomainLatencyQuery)
	return d
}

func (r *reader) tiers(v any, path string) []BurnRateTier {
	list, ok := v.([]any)
	if !ok {
		r.problem(path, "must be a list")
		return nil
	}
	seen := map[string]bool{}
	out := []BurnRateTier{}
	for i, item := range list {
		at := fmt.Sprintf("%s[%d]", path, i)
		o := r.object(item, at)
		if o == nil {
			continue
		}
		t := BurnRateTier{Name: r.name(o, "name", at)}
		if t.Name != "" && seen[t.Name] {
			r.problem(at+".name", fmt.Sprintf("must be unique: %q is used by an earlier tier", t.Name))
		}
		seen[t.Name] = true
		t.BudgetFraction = r.number(o, "budgetFraction", at, nil)
		if t.BudgetFraction <= 0 || t.BudgetFraction > 1 {
			r.problem(at+".budgetFraction", "must be greater than 0 and at most 1")
		}
		t.LongWindow = r.duration(o, "longWindow", at, nil, "")
		t.ShortWindow = r.duration(o, "shortWindow", at, nil, "")
		if t.LongWindow != "" && t.ShortWindow != "" {
			long, _ := parseDurationMs(t.LongWindow)
			short, _ := parseDurationMs(t.ShortWindow)
			if short >= long {
				r.problem(at+".shortWindow", "must be shorter than longWindow")
			}
		}
		t.Severity = r.oneOf(o, "severity", at, []string{"critical", "warning", "info"}, nil)
		t.Enabled = r.boolean(o, "enabled", at, true)
		out = append(out, t)
	}
	return out
}

func (r *reader) sla(v any, present bool, defaults SLA) SLA {
	o := object{}
	if present {
		if o = r.object(v, "sla"); o == nil {
			return defaults
		}
	}
	const path = "sla"
	s := SLA{Target: r.number(o, "target", path, defaults.Target)}
	if s.Target <= 0 || s.Target >= 100 {
		r.problem(path+".target", "must be greater than 0 and less than 100")
	}
	s.Period = r.duration(o, "period", path, defaults.Period, CalendarMonth)
	s.MTTRTarget = r.duration(o, "mttrTarget", path, defaults.MTTRTarget, "")
	if s.LatencyThreshold = r.number(o, "latencyThreshold", path, defaults.LatencyThreshold); s.LatencyThreshold <= 0 {
		r.problem(path+".latencyThreshold", "must be greater than 0")
	}
	if s.LatencyTarget = r.number(o, "latencyTarget", path, defaults.LatencyTarget); s.LatencyTarget <= 0 || s.LatencyTarget > 100 {
		r.problem(path+".latencyTarget", "must be greater than 0 and at most 100")
	}
	tiers, _ := o.get("burnRateTiers")
	if tiers == nil {
		s.BurnRateTiers = r.tiers(toJSONList(defaults.BurnRateTiers), path+".burnRateTiers")
	} else {
		s.BurnRateTiers = r.tiers(tiers, path+".burnRateTiers")
	}
	s.ErrorRatioQuery = r.query(o, "errorRatioQuery", path, true, defaults.ErrorRatioQuery)
	s.LatencyComplianceQuery = r.query(o, "latencyComplianceQuery", path, true, defaults.LatencyComplianceQuery)
	policy, hasPolicy := o.get("budgetPolicy")
	s.BudgetPolicy = r.budgetPolicy(policy, hasPolicy, defaults.BudgetPolicy)
	return s
}

// toJSONList turns tiers back into decoded JSON, so default tiers read like given ones.
func toJSONList(tiers []BurnRateTier) []any {
	out := make([]any, len(tiers))
	for i, t := range tiers {
		out[i] = object{"name": t.Name, "budgetFraction": t.BudgetFraction, "longWindow": t.LongWindow,
			"shortWindow": t.ShortWindow, "severity": t.Severity, "enabled": t.Enabled}
	}
	return out
}

// Parsed is a profile document read with every structural problem; its PromQL is checked by CheckQueries.
type Parsed struct {
	Profile  *Profile // nil when there is a problem
	Problems []Problem
	queries  []pendingQuery
	profile  *Profile
}

// ParseProfile reads a profile document (JSON), reporting every problem at once. Absent fields take the
// default profile's value, except an indicator's id, direction, thresholds, weight and query.
func ParseProfile(raw []byte) *Parsed {
	v, err := decodeJSON(raw)
	if err != nil {
		return &Parsed{Problems: []Problem{{Path: "", Message: "the profile is not valid JSON: " + err.Error()}}}
	}
	return parseValue(v)
}

func parseValue(v any) *Parsed {
	root, ok := v.(object)
	if !ok {
		return &Parsed{Problems: []Problem{{Path: "", Message: "the profile must be a JSON object"}}}
	}
	r := &reader{}
	def := DefaultProfile()
	p := &Profile{Aggregation: r.oneOf(root, "aggregation", "", []string{Weighted, Worst}, def.Aggregation)}
	agg := Weighted
	if a, _ := field(root, "aggregation", nil).(string); a == Worst {
		agg = Worst
	}
	p.ServiceLabel = r.serviceLabel(root, def.ServiceLabel)
	p.AllowMissing = r.boolean(root, "allowMissing", "", def.AllowMissing)
	inds, _ := root.get("indicators")
	p.Indicators = r.indicators(inds, agg)
	doms, hasDoms := root.get("domains")
	p.Domains = r.domains(doms, hasDoms, def.Domains)
	sla, hasSLA := root.get("sla")
	p.SLA = r.sla(sla, hasSLA, def.SLA)
	groups, _ := root.get("groups")
	p.Groups = r.groups(groups)
	out := &Parsed{Problems: r.problems, queries: r.queries, profile: p}
	if len(r.problems) == 0 {
		out.Profile = p
	}
	return out
}

// SyntaxChecker tells why expr is not valid PromQL ("" when it is), or fails when it cannot tell.
type SyntaxChecker func(ctx context.Context, expr string) (problem string, err error)

// MaxSyntaxChecks bounds the distinct queries CheckQueries asks about: a profile has a few dozen, and a body
// of a million bytes could otherwise hold thousands, each a request to Prometheus.
const MaxSyntaxChecks = 200

// CheckQueries checks the syntax of every query with check, template variables replaced by harmless values,
// and puts a "<path> is not valid PromQL" problem, with the parser's words as detail, where src/scoring puts
// it. Each distinct query is checked once, at most MaxSyntaxChecks of them. It stops at the first error from
// check.
func (p *Parsed) CheckQueries(ctx context.Context, check SyntaxChecker) error {
	found := make([]string, len(p.queries))
	asked := map[string]string{}
	for i, q := range p.queries {
		expr := SubstituteVariables(q.expr)
		problem, seen := asked[expr]
		if !seen {
			if len(asked) == MaxSyntaxChecks {
				return fmt.Errorf("the profile has more than %d distinct queries, more than Prometheus is asked to check at once", MaxSyntaxChecks)
			}
			var err error
			if problem, err = check(ctx, expr); err != nil {
				return err
			}
			asked[expr] = problem
		}
		found[i] = problem
	}
	merged := make([]Problem, 0, len(p.Problems)+len(p.queries))
	next := 0
	for i, q := range p.queries {
		for ; next < q.at; next++ {
			merged = append(merged, p.Problems[next])
		}
		if found[i] != "" {
			merged = append(merged, Problem{Path: q.path, Message: q.path + " is not valid PromQL", Detail: found[i]})
		}
	}
	p.Problems = append(merged, p.Problems[next:]...)
	if len(p.Problems) > 0 {
		p.Profile = nil
	}
	return nil
}
