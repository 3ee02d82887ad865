package plugin

import (
	"math"
	"testing"
)

// policyLevels are the policy states' numbers the policyState measure answers (pkg/models/measures.go).
var policyLevels = map[string]float64{"ok": 0, "warn": 1, "page": 2, "freeze": 3}

// The error-budget policy over gRPC, per scenario, is expected.json's: the budget spent, the projected
// exhaustion per window and the policy state, as alert measures and as the dashboard's tables. budget-burn has
// spent 80 % and burns 3.5x: 0.2 x 30 days / 3.5 = 41.1 hours, under the policy's 3 days, so it freezes.
func TestBudgetPolicyMatchesEveryScenario(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	resp := p.query(t, alertHeader,
		f.query("S", map[string]any{"queryType": "sla", "measure": "budgetSpent"}),
		f.query("E", map[string]any{"queryType": "sla", "measure": "exhaustionSeconds"}),
		f.query("P", map[string]any{"queryType": "sla", "measure": "policyState"}))
	spent, exhaustion, state := map[string]float64{}, map[string]float64{}, map[string]float64{}
	for _, name := range f.scenarios() {
		b := f.Scenarios[name].Values.Budget
		spent[labelsKey("service", name)] = b.SpentPercent
		state[labelsKey("service", name)] = policyLevels[b.PolicyState]
		for w, seconds := range b.ExhaustionSeconds {
			exhaustion[labelsKey("service", name, "window", w)] = math.NaN()
			if seconds != nil {
				exhaustion[labelsKey("service", name, "window", w)] = *seconds
			}
		}
	}
	expectNumbers(t, "budgetSpent", alertNumbers(t, "budgetSpent", resp.Responses["S"]), spent)
	expectNumbers(t, "exhaustionSeconds", alertNumbers(t, "exhaustionSeconds", resp.Responses["E"]), exhaustion)
	expectNumbers(t, "policyState", alertNumbers(t, "policyState", resp.Responses["P"]), state)

	burn := f.Scenarios["budget-burn"].Values.Budget
	if got := *burn.ExhaustionSeconds["1h"] / 3600; math.Abs(got-0.2*30*24/3.5) > 1e-6 || burn.PolicyState != "freeze" {
		t.Errorf("budget-burn exhausts in %v hours, %s; want 41.14 hours, freeze", got, burn.PolicyState)
	}

	dr := p.query(t, nil, f.query("A", map[string]any{"queryType": "sla"})).Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	for _, row := range rows(t, dr.Frames, "Error-budget policy") {
		b := f.Scenarios[row["Service"].(string)].Values.Budget
		expectNear(t, row["Service"].(string)+" budget spent", row["Budget spent"].(float64), b.SpentPercent)
		if row["Policy state"] != b.PolicyState {
			t.Errorf("%s policy state %v, want %s", row["Service"], row["Policy state"], b.PolicyState)
		}
	}
	for _, row := range rows(t, dr.Frames, "Budget exhaustion") {
		b := f.Scenarios[row["Service"].(string)].Values.Budget
		window := row["Window"].(string)
		expectNear(t, row["Service"].(string)+" burn rate "+window, row["Burn rate"].(float64), b.BurnRate[window])
		want := math.NaN()
		if s := b.ExhaustionSeconds[window]; s != nil {
			want = *s
		}
		expectNear(t, row["Service"].(string)+" exhaustion "+window, row["Time to exhaustion"].(float64), want)
	}
}
