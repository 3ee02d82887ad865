package scoring

import (
	"testing"
	"time"
)

func TestVectorsBudgetPolicy(t *testing.T) {
	for _, c := range vectors(t, "budget-policy") {
		var in struct {
			SLA         SLA
			At          time.Time
			ErrorRatios map[string]num
		}
		var want struct {
			Spent   num
			Windows []struct {
				Window                      string
				BurnRate, ExhaustionSeconds num
			}
			State string
		}
		decode(t, c, &in, &want)
		ratios := map[string]float64{}
		for k, v := range in.ErrorRatios {
			ratios[k] = float64(v)
		}
		r, err := in.SLA.Budget(ratios, in.At)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		check(t, c, "spent", r.Spent, want.Spent)
		checkString(t, c, "state", r.State, want.State)
		if len(r.Windows) != len(want.Windows) {
			t.Fatalf("%s: %d windows, want %d", c.Name, len(r.Windows), len(want.Windows))
		}
		for i, w := range want.Windows {
			checkString(t, c, "window", r.Windows[i].Window, w.Window)
			check(t, c, w.Window+" burn rate", r.Windows[i].BurnRate, w.BurnRate)
			check(t, c, w.Window+" exhaustion", r.Windows[i].ExhaustionSeconds, w.ExhaustionSeconds)
		}
	}
}

func TestBudgetPolicyLevels(t *testing.T) {
	for i, s := range PolicyStates {
		if level, ok := PolicyLevel(s); !ok || level != float64(i) {
			t.Errorf("%s: level %v %v, want %d", s, level, ok, i)
		}
	}
	if _, ok := PolicyLevel(PolicyNoData); ok {
		t.Error("nodata has a level")
	}
}

func TestVectorsPolicyRollup(t *testing.T) {
	for _, c := range vectors(t, "policy-rollup") {
		var in struct{ States []string }
		var want struct{ State string }
		decode(t, c, &in, &want)
		checkString(t, c, "state", WorstPolicyState(in.States), want.State)
	}
}
