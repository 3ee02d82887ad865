package scoring

import (
	"fmt"
	"testing"
)

func TestVectorsGroups(t *testing.T) {
	for _, c := range vectors(t, "groups") {
		var in struct {
			Groups   []Group
			Services map[string]num
		}
		var want map[string]struct {
			Score    num
			Band     string
			CappedBy *string
			Rules    []struct {
				Count int
				Held  bool
				Text  string
			}
			Members []struct {
				Kind, ID, Band string
				Score          num
			}
			NoData []string
		}
		decode(t, c, &in, &want)
		services := map[string]float64{}
		for name, v := range in.Services {
			services[name] = float64(v)
		}
		got := GroupScores(in.Groups, services)
		if len(got) != len(want) {
			t.Fatalf("%s: %d groups, want %d", c.Name, len(got), len(want))
		}
		for id, w := range want {
			g := got[id]
			check(t, c, id+" score", g.Score, w.Score)
			checkString(t, c, id+" band", g.Band, w.Band)
			checkString(t, c, id+" cappedBy", g.CappedBy, deref(w.CappedBy))
			checkString(t, c, id+" rules", fmt.Sprint(rulesOf(g)), fmt.Sprint(w.Rules))
			checkString(t, c, id+" noData", fmt.Sprint(g.NoData), fmt.Sprint(w.NoData))
			if len(g.Members) != len(w.Members) {
				t.Fatalf("%s: %s has %d members, want %d", c.Name, id, len(g.Members), len(w.Members))
			}
			for i, m := range w.Members {
				checkString(t, c, id+" member", g.Members[i].Kind+" "+g.Members[i].ID+" "+g.Members[i].Band, m.Kind+" "+m.ID+" "+m.Band)
				check(t, c, id+" "+m.ID+" score", g.Members[i].Score, m.Score)
			}
		}
	}
}

func rulesOf(r GroupResult) []struct {
	Count int
	Held  bool
	Text  string
} {
	out := make([]struct {
		Count int
		Held  bool
		Text  string
	}, len(r.Rules))
	for i, rule := range r.Rules {
		out[i].Count, out[i].Held, out[i].Text = rule.Count, rule.Held, RuleText(rule.GroupRule)
	}
	return out
}
