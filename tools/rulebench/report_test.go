package main

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
)

func read(at time.Time, groups ...ruleGroup) []ruleGroup {
	for i := range groups {
		groups[i].LastEvaluation = at
	}
	return groups
}

func TestObservationsCostPerMinute(t *testing.T) {
	o := newObservations(map[string]string{"/p.yml": "PerfScope", "/s.yml": "Sloth"})
	t0 := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	slo := ruleGroup{Name: "perfscope-slo", File: "/p.yml", Interval: 60}
	trends := ruleGroup{Name: "perfscope-trends", File: "/p.yml", Interval: 240}
	sloth := ruleGroup{Name: "sloth-slo-sli-recordings", File: "/s.yml", Interval: 60}
	// Never evaluated yet: a zero lastEvaluation is no evaluation.
	o.add([]ruleGroup{slo, trends, sloth})
	if o.done() {
		t.Fatal("done before any evaluation")
	}
	slo.EvaluationTime, trends.EvaluationTime, sloth.EvaluationTime = 9, 9, 9 // the first, cold: left out
	o.add(read(t0, slo, trends, sloth))
	slo.EvaluationTime, sloth.EvaluationTime = 0.2, 0.4
	o.add(read(t0.Add(time.Minute), slo, sloth))
	o.add(read(t0.Add(time.Minute), slo, sloth)) // the same evaluation read again
	if o.done() {
		t.Fatal("done while the trends group has been evaluated once")
	}
	slo.EvaluationTime = 0.4
	trends.EvaluationTime = 2
	o.add(read(t0.Add(2*time.Minute), slo, sloth))
	o.add(read(t0.Add(4*time.Minute), trends))
	slo.EvaluationTime = 5 // an outlier the median leaves out
	o.add(read(t0.Add(3*time.Minute), slo))
	if !o.done() {
		t.Fatal("not done when every group has been evaluated twice")
	}
	// slo: the median of 0.2, 0.4 and 5 every minute; trends: 2 s every 4 minutes; Sloth: 0.4 every minute.
	s := summarise(o, []string{"PerfScope", "Sloth"}, "Sloth", map[string]int{"PerfScope": 7, "Sloth": 3})
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-9 }
	if !near(s[0].PerMinute, 0.4+0.5) || !near(s[0].SLO, 0.4) || !near(s[1].PerMinute, 0.4) {
		t.Fatalf("costs %+v", s)
	}
	if !near(s[0].WholeRatio, 2.25) || !near(s[0].SLORatio, 1) || s[1].HasSLO {
		t.Fatalf("ratios %+v", s)
	}
	var out bytes.Buffer
	report(&out, "50 services", o, s)
	for _, want := range []string{"perfscope-trends", "0.5000", "7 series recorded", "whole file 2.25x", "= 1.00x", "SLO and trends groups 0.9000 = 2.25x"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
