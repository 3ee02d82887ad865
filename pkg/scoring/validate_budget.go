package scoring

import (
	"fmt"
	"strconv"
)

// MaxPolicyWindows bounds the burn-rate windows a policy projects from: each is a query per refresh.
const MaxPolicyWindows = 10

// budgetPolicy reads sla.budgetPolicy as src/scoring/profile/budgetPolicy.ts does: spent percents in (0, 100]
// with warn <= page <= freeze, a duration, and a non-empty list of distinct windows.
func (r *reader) budgetPolicy(v any, present bool, defaults BudgetPolicy) BudgetPolicy {
	const path = "sla.budgetPolicy"
	o := object{}
	if present {
		if o = r.object(v, path); o == nil {
			return defaults
		}
	}
	percent := func(name string, fallback float64) float64 {
		p := r.number(o, name, path, fallback)
		if p <= 0 || p > 100 {
			r.problem(path+"."+name, "must be greater than 0 and at most 100")
		}
		return p
	}
	b := BudgetPolicy{WarnSpent: percent("warnSpent", defaults.WarnSpent), PageSpent: percent("pageSpent", defaults.PageSpent),
		FreezeSpent: percent("freezeSpent", defaults.FreezeSpent)}
	if b.PageSpent < b.WarnSpent {
		r.problem(path+".pageSpent", "must be at least warnSpent")
	}
	if b.FreezeSpent < b.PageSpent {
		r.problem(path+".freezeSpent", "must be at least pageSpent")
	}
	b.FreezeExhaustion = r.duration(o, "freezeExhaustion", path, defaults.FreezeExhaustion, "")
	windows, ok := o.get("windows")
	if !ok || windows == nil {
		list := make([]any, len(defaults.Windows))
		for i, w := range defaults.Windows {
			list[i] = w
		}
		windows = list
	}
	b.Windows = r.policyWindows(windows, path+".windows")
	return b
}

func (r *reader) policyWindows(v any, path string) []string {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		r.problem(path, "must be a non-empty list of durations")
		return []string{}
	}
	if len(list) > MaxPolicyWindows {
		r.problem(path, fmt.Sprintf("must hold at most %d windows", MaxPolicyWindows))
	}
	out := []string{}
	seen := map[string]bool{}
	for j, item := range list {
		at := fmt.Sprintf("%s[%d]", path, j)
		w, isString := item.(string)
		if _, valid := parseDurationMs(w); !isString || !valid {
			r.problem(at, "must be "+DurationRule)
			continue
		}
		if seen[w] {
			r.problem(at, "must be unique: "+strconv.Quote(w)+" is listed earlier")
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}
