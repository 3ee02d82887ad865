package scoring

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// Sub-scores stay in [0, 100], never rise as the value gets worse, and mirror for "higher".
func FuzzSubScore(f *testing.F) {
	f.Add(0.35, 0.2, 0.5, 1.0, 0.1)
	f.Add(99.2, 99.0, 99.5, 99.9, 0.0)
	f.Add(-1e308, 1e-300, 2e-300, 3e-300, 1e308)
	f.Fuzz(func(t *testing.T, v, target, warning, critical, delta float64) {
		th := Thresholds{Target: target, Warning: warning, Critical: critical}
		if !(target < warning && warning < critical) || !HasData(v) || !HasData(delta) || !HasData(critical-target) {
			return
		}
		s := SubScore(v, th, false)
		if !(s >= 0 && s <= 100) {
			t.Fatalf("SubScore(%v; %v) = %v, outside [0, 100]", v, th, s)
		}
		if worse := v + math.Abs(delta); HasData(worse) && SubScore(worse, th, false) > s {
			t.Fatalf("SubScore rose from %v to %v as the value went from %v to %v", s, SubScore(worse, th, false), v, worse)
		}
		mirrored := Thresholds{Target: -target, Warning: -warning, Critical: -critical}
		if h := SubScore(-v, mirrored, true); h != s {
			t.Fatalf("higher is not the mirror of lower: %v vs %v", h, s)
		}
	})
}

// The composite lies between the lowest and highest sub-score with data, and capping never raises it.
func FuzzComposite(f *testing.F) {
	f.Add(0.35, 0.25, 75.0, 85.0, 99.75, 0.3, 0.0, uint8(3), false)
	f.Add(2.0, math.NaN(), 92.0, 96.0, 98.0, 0.0, 1.0, uint8(1), true)
	f.Fuzz(func(t *testing.T, l, e, cpu, mem, avail, w0, w1 float64, keys uint8, worst bool) {
		if !(w0 >= 0 && w0 <= 1e6) || !(w1 >= 0 && w1 <= 1e6) {
			return
		}
		p := DefaultProfile()
		p.Indicators[0].Weight, p.Indicators[1].Weight = w0, w1
		for i := range 5 {
			p.Indicators[i].Key = keys&(1<<i) != 0
		}
		if worst {
			p.Aggregation = Worst
		}
		s := NewScorer(p)
		r := s.Evaluate([]float64{l, e, cpu, mem, avail})
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, ir := range r.Indicators {
			if !math.IsNaN(ir.SubScore) {
				lo, hi = math.Min(lo, ir.SubScore), math.Max(hi, ir.SubScore)
			}
		}
		if math.IsNaN(r.Score) {
			return
		}
		if r.Score < lo-1e-9 || r.Score > hi+1e-9 {
			t.Fatalf("score %v outside [%v, %v]: %+v", r.Score, lo, hi, r)
		}
		for i, ir := range r.Indicators {
			if p.Indicators[i].Key && !math.IsNaN(ir.SubScore) && !worst && r.Score > ir.SubScore {
				t.Fatalf("score %v above key indicator %s at %v", r.Score, ir.ID, ir.SubScore)
			}
		}
		p.Aggregation = Weighted
		for i := range p.Indicators {
			p.Indicators[i].Key = false
		}
		if uncapped := NewScorer(p).Evaluate([]float64{l, e, cpu, mem, avail}); !worst && r.Score > uncapped.Score+1e-9 {
			t.Fatalf("capping raised the score from %v to %v", uncapped.Score, r.Score)
		}
	})
}

// Any document: no panic; a valid one reads back the same after a round trip through JSON.
func FuzzParseProfile(f *testing.F) {
	def, _ := json.Marshal(DefaultProfile())
	f.Add(def)
	f.Add([]byte(`{"indicators": [{"id": "x", "direction": "higher", "target": 3, "warning": 2, "critical": 1, "weight": 1, "query": "up"}], "sla": {"period": "month"}}`))
	f.Add([]byte(`{"domains": {"overrides": {"a": 1}}, "sla": {"burnRateTiers": null}, "indicators": [{}]}`))
	f.Add([]byte(`[1e400, null]`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		parsed := ParseProfile(raw)
		if (parsed.Profile == nil) == (len(parsed.Problems) == 0) {
			t.Fatalf("profile %v with problems %v", parsed.Profile != nil, parsed.Problems)
		}
		for _, p := range parsed.Problems {
			if len(p.Message) < len(p.Path) || p.Message[:len(p.Path)] != p.Path {
				t.Fatalf("message %q does not start with its path %q", p.Message, p.Path)
			}
		}
		if parsed.Profile == nil {
			return
		}
		again, err := json.Marshal(parsed.Profile)
		if err != nil {
			t.Fatal(err)
		}
		if back := ParseProfile(again); len(back.Problems) > 0 {
			t.Fatalf("a valid profile reads back with problems %v", back.Problems)
		}
	})
}

// FuzzViewerValuesStayInTheirStrings: in a query the validator accepts (no viewer variable outside a
// double-quoted string), a viewer's value, escaped, changes nothing outside the strings: it cannot end a string
// or a selector and add PromQL of its own.
func FuzzViewerValuesStayInTheirStrings(f *testing.F) {
	f.Add(`up{service=~"$service"}`, `x"} or vector(666) or up{a="`)
	f.Add(`x{a='y', service=~"${service:regex}"} # $domain`, "a\\\"\nb")
	f.Add("x{service=~`a` , b=~\"[[domain]]\"}", "`'\"\\")
	f.Fuzz(func(t *testing.T, query, value string) {
		if len(UnquotedVariables(query)) > 0 {
			return // the validator refuses this query
		}
		expanded := func(v string) string {
			return Interpolate(query, map[string]string{"service": v, "domain": v}, nil)
		}
		if got, want := outsideStrings(expanded(EscapeForString(value))), outsideStrings(expanded("")); got != want {
			t.Fatalf("the value %q changed the query outside its strings:\n%s\nwant\n%s", value, got, want)
		}
	})
}

// outsideStrings is the query with the content of every string and comment taken out, quotes kept.
func outsideStrings(query string) string {
	var out strings.Builder
	var quote byte
	for i := 0; i < len(query); i++ {
		ch := query[i]
		switch {
		case quote == 0 && ch == '#':
			for i < len(query) && query[i] != '\n' {
				i++
			}
			if i < len(query) {
				out.WriteByte('\n')
			}
		case quote == 0:
			out.WriteByte(ch)
			if ch == '"' || ch == '\'' || ch == '`' {
				quote = ch
			}
		case ch == '\\' && quote != '`':
			i++
		case ch == quote:
			out.WriteByte(ch)
			quote = 0
		}
	}
	return out.String()
}
