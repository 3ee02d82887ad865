package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// ruleGroup is one group of /api/v1/rules.
type ruleGroup struct {
	Name           string    `json:"name"`
	File           string    `json:"file"`
	Interval       float64   `json:"interval"`
	EvaluationTime float64   `json:"evaluationTime"`
	LastEvaluation time.Time `json:"lastEvaluation"`
}

// groupCost is what the benchmark saw of a group: each evaluation's duration, in order.
type groupCost struct {
	Set, Name   string
	Interval    float64
	evaluations map[time.Time]float64
}

// observations gathers the groups' evaluations over successive reads of /api/v1/rules.
type observations struct {
	sets   map[string]string // rule file -> rule set name
	groups map[string]*groupCost
}

func newObservations(sets map[string]string) *observations {
	return &observations{sets: sets, groups: map[string]*groupCost{}}
}

// add records a read: a group's evaluation is new when its lastEvaluation is.
func (o *observations) add(groups []ruleGroup) {
	for _, g := range groups {
		key := g.File + "\x00" + g.Name
		c := o.groups[key]
		if c == nil {
			c = &groupCost{Set: o.sets[g.File], Name: g.Name, Interval: g.Interval, evaluations: map[time.Time]float64{}}
			o.groups[key] = c
		}
		if !g.LastEvaluation.IsZero() && g.LastEvaluation.Year() > 1 {
			c.evaluations[g.LastEvaluation] = g.EvaluationTime
		}
	}
}

// done says whether every group has been evaluated at least twice.
func (o *observations) done() bool {
	if len(o.groups) == 0 {
		return false
	}
	for _, c := range o.groups {
		if len(c.evaluations) < 2 {
			return false
		}
	}
	return true
}

// seconds is a group's median evaluation time, leaving out its first evaluation (cold caches) when there are
// more: the median, since other work on the machine makes single evaluations slow.
func (c *groupCost) seconds() float64 {
	stamps := make([]time.Time, 0, len(c.evaluations))
	for t := range c.evaluations {
		stamps = append(stamps, t)
	}
	sort.Slice(stamps, func(i, j int) bool { return stamps[i].Before(stamps[j]) })
	if len(stamps) > 1 {
		stamps = stamps[1:]
	}
	if len(stamps) == 0 {
		return 0
	}
	times := make([]float64, len(stamps))
	for i, t := range stamps {
		times[i] = c.evaluations[t]
	}
	sort.Float64s(times)
	if n := len(times); n%2 == 0 {
		return (times[n/2-1] + times[n/2]) / 2
	}
	return times[len(times)/2]
}

// perMinute is the group's rule time per minute: evaluation time times evaluations a minute.
func (c *groupCost) perMinute() float64 {
	if c.Interval <= 0 {
		return 0
	}
	return c.seconds() * 60 / c.Interval
}

// setCost sums a rule set's rule time per minute, over all its groups or those whose name passes keep.
func (o *observations) setCost(set string, keep func(group string) bool) float64 {
	sum := 0.0
	for _, c := range o.groups {
		if c.Set == set && (keep == nil || keep(c.Name)) {
			sum += c.perMinute()
		}
	}
	return sum
}

// sorted is the groups by set, then name.
func (o *observations) sorted() []*groupCost {
	out := make([]*groupCost, 0, len(o.groups))
	for _, c := range o.groups {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Set != out[j].Set {
			return out[i].Set < out[j].Set
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// isSLOGroup is PerfScope's burn-rate group (perfscope-slo: its windows up to 6 hours).
func isSLOGroup(name string) bool { return strings.HasSuffix(name, "-slo") }

// isSLOPart is every group with an SLO window: the burn-rate group and the trends group, which holds the windows
// of a day or more and the 30-day period (and, counted against PerfScope, latency compliance and memory growth).
func isSLOPart(name string) bool { return isSLOGroup(name) || strings.HasSuffix(name, "-trends") }

// setSummary is one rule set's line of the result.
type setSummary struct {
	Set             string
	PerMinute, SLO  float64
	SLOPart         float64
	Series          int
	WholeRatio      float64
	SLORatio        float64
	SLOPartRatio    float64
	IsSloth, HasSLO bool
}

// summarise computes every set's totals and its ratios to Sloth's whole file.
func summarise(o *observations, sets []string, sloth string, series map[string]int) []setSummary {
	base := o.setCost(sloth, nil)
	out := make([]setSummary, 0, len(sets))
	for _, set := range sets {
		s := setSummary{Set: set, PerMinute: o.setCost(set, nil), Series: series[set], IsSloth: set == sloth}
		if !s.IsSloth {
			s.SLO, s.SLOPart, s.HasSLO = o.setCost(set, isSLOGroup), o.setCost(set, isSLOPart), true
		}
		if base > 0 {
			s.WholeRatio, s.SLORatio, s.SLOPartRatio = s.PerMinute/base, s.SLO/base, s.SLOPart/base
		}
		out = append(out, s)
	}
	return out
}

// report prints the per-group table and each set's totals.
func report(w io.Writer, header string, o *observations, summary []setSummary) {
	fmt.Fprintln(w, header)
	fmt.Fprintf(w, "  %-18s %-58s %8s %7s %12s\n", "rule set", "group", "interval", "evals", "s per minute")
	for _, c := range o.sorted() {
		fmt.Fprintf(w, "  %-18s %-58s %7gs %7d %12.4f\n", c.Set, c.Name, c.Interval, len(c.evaluations), c.perMinute())
	}
	for _, s := range summary {
		line := fmt.Sprintf("  %-18s rule time %.4f s per minute, %d series recorded", s.Set, s.PerMinute, s.Series)
		if s.HasSLO {
			line += fmt.Sprintf("; vs Sloth: whole file %.2fx (target <= 2), SLO group %.4f s per minute = %.2fx (target <= 1), SLO and trends groups %.4f = %.2fx",
				s.WholeRatio, s.SLO, s.SLORatio, s.SLOPart, s.SLOPartRatio)
		}
		fmt.Fprintln(w, line)
	}
}
