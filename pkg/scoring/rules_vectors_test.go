package scoring

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"
)

// The vectors of the rules every caller shares: bands and their steps, breach, objectives, the gate, template
// variables, the period window and the calendar month.

func TestVectorsAtOrWorse(t *testing.T) {
	for _, c := range vectors(t, "bands") {
		var in struct{ Score num }
		var want struct{ AtOrWorse map[string]bool }
		decode(t, c, &in, &want)
		for band, w := range want.AtOrWorse {
			if got := AtOrWorse(float64(in.Score), band); got != w {
				t.Errorf("%s: atOrWorse %s = %v, want %v", c.Name, band, got, w)
			}
		}
	}
}

// Steps are compared exactly: a step one double off colours a value in the wrong band.
func TestVectorsBandSteps(t *testing.T) {
	for _, c := range vectors(t, "band-steps") {
		var in struct {
			Kind       string
			Direction  string
			Thresholds Thresholds
		}
		var want struct {
			Steps []struct {
				From num
				Band string
			}
		}
		decode(t, c, &in, &want)
		got := ScoreSteps()
		if in.Kind == "value" {
			got = ValueSteps(in.Thresholds, in.Direction == "higher")
		}
		if len(got) != len(want.Steps) {
			t.Fatalf("%s: %d steps, want %d", c.Name, len(got), len(want.Steps))
		}
		for i, w := range want.Steps {
			if got[i].From != float64(w.From) || got[i].Band != w.Band {
				t.Errorf("%s: step %d = %v from %v, want %v from %v", c.Name, i, got[i].Band, got[i].From, w.Band, float64(w.From))
			}
		}
	}
}

func TestVectorsBreach(t *testing.T) {
	for _, c := range vectors(t, "breach") {
		var in struct {
			Value      num
			Direction  string
			Thresholds Thresholds
			Band       string
		}
		var want struct{ InBreach bool }
		decode(t, c, &in, &want)
		if got := InBreach(float64(in.Value), in.Thresholds, in.Direction == "higher", in.Band); got != want.InBreach {
			t.Errorf("%s: inBreach = %v, want %v", c.Name, got, want.InBreach)
		}
	}
}

func TestVectorsObjectives(t *testing.T) {
	for _, c := range vectors(t, "objectives") {
		var in struct {
			Objective string
			Value     num
			SLA       ObjectiveTargets
		}
		var want struct {
			Threshold num
			Met       *bool
		}
		decode(t, c, &in, &want)
		check(t, c, "threshold", ObjectiveThreshold(in.Objective, in.SLA), want.Threshold)
		met, known := ObjectiveMet(in.Objective, float64(in.Value), in.SLA)
		if known != (want.Met != nil) || (known && met != *want.Met) {
			t.Errorf("%s: met %v (known %v), want %v", c.Name, met, known, fmt.Sprint(want.Met))
		}
	}
}

func TestVectorsGate(t *testing.T) {
	for _, c := range vectors(t, "gate") {
		var in struct {
			Score num
			Keys  []struct {
				ID       string
				SubScore num
			}
			Rule GateRule
		}
		var want GateVerdict
		decode(t, c, &in, &want)
		keys := make([]GateKey, len(in.Keys))
		for i, k := range in.Keys {
			keys[i] = GateKey{k.ID, float64(k.SubScore)}
		}
		got, _ := json.Marshal(Gate(float64(in.Score), keys, in.Rule))
		w, _ := json.Marshal(want)
		checkString(t, c, "verdict", string(got), string(w))
	}
}

func TestVectorsVariables(t *testing.T) {
	for _, c := range vectors(t, "variables") {
		var in struct {
			Query string
			Vars  map[string]string
		}
		var want struct{ Query string }
		decode(t, c, &in, &want)
		checkString(t, c, "query", Interpolate(in.Query, in.Vars, nil), want.Query)
	}
}

func TestVectorsPeriodWindow(t *testing.T) {
	for _, c := range vectors(t, "period-window") {
		var in struct{ Period, At string }
		var want struct{ WindowMs num }
		decode(t, c, &in, &want)
		at, err := time.Parse(time.RFC3339Nano, in.At)
		if err != nil {
			t.Fatal(err)
		}
		w, err := PeriodWindow(in.Period, at)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		check(t, c, "windowMs", float64(w.Milliseconds()), want.WindowMs)
	}
}

func TestVectorsCalendar(t *testing.T) {
	for _, c := range vectors(t, "calendar") {
		var in struct {
			Grid             Grid
			Errors, Requests []num
			Target           float64
			From             string
		}
		var want struct {
			Monthly []struct {
				Month        string
				Availability num
				Compliant    *bool
				Partial      bool
			}
			BurnDown   []num
			FirstMonth *string
		}
		decode(t, c, &in, &want)
		from, err := time.Parse(time.RFC3339, in.From)
		if err != nil {
			t.Fatal(err)
		}
		errors, requests := nums(in.Errors), nums(in.Requests)
		monthly := MonthlyCompliance(errors, requests, in.Grid, in.Target)
		if len(monthly) != len(want.Monthly) {
			t.Fatalf("%s: %d months, want %d", c.Name, len(monthly), len(want.Monthly))
		}
		for i, w := range want.Monthly {
			g := monthly[i]
			checkString(t, c, "month", g.Month, w.Month)
			check(t, c, w.Month+" availability", g.Availability, w.Availability)
			checkString(t, c, w.Month+" compliant", fmt.Sprint(deref2(g.Compliant)), fmt.Sprint(deref2(w.Compliant)))
			if g.Partial != w.Partial {
				t.Errorf("%s: %s partial = %v, want %v", c.Name, w.Month, g.Partial, w.Partial)
			}
		}
		values, first, ok := MonthBurnDown(errors, requests, in.Grid, in.Target, from.UnixMilli())
		for k, w := range want.BurnDown {
			check(t, c, fmt.Sprintf("burnDown[%d]", k), values[k], w)
		}
		gotFirst := "none"
		if ok {
			gotFirst = time.UnixMilli(first).UTC().Format("2006-01-02T15:04:05.000Z")
		}
		checkString(t, c, "firstMonth", gotFirst, derefOr(want.FirstMonth, "none"))
	}
}

func deref2(b *bool) any {
	if b == nil {
		return "unknown"
	}
	return *b
}

func derefOr(s *string, or string) string {
	if s == nil {
		return or
	}
	return *s
}

func TestVectorsQuoting(t *testing.T) {
	for _, c := range vectors(t, "quoting") {
		var in struct{ Query, Value string }
		var want struct {
			Unquoted []string
			Escaped  string
		}
		decode(t, c, &in, &want)
		got := UnquotedVariables(in.Query)
		if !slices.Equal(got, want.Unquoted) && len(got)+len(want.Unquoted) > 0 {
			t.Errorf("%s: unquoted %q, want %q", c.Name, got, want.Unquoted)
		}
		checkString(t, c, "escaped", EscapeForString(in.Value), want.Escaped)
	}
}
