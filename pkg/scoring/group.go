package scoring

import (
	"math"
	"strconv"
)

// GroupMember is one member of a group: a service (its health score) or a nested group (its result).
type GroupMember struct {
	Kind   string  `json:"kind"` // "service" or "group"
	ID     string  `json:"id"`
	Score  float64 `json:"score"` // NaN: no data
	Band   string  `json:"band"`  // a nested group's may be worse than its score's (its rules)
	Weight float64 `json:"weight"`
	Key    bool    `json:"key"`
}

// GroupRuleResult is a rule with the members it counted (those without data included) and whether it held.
type GroupRuleResult struct {
	GroupRule
	Count int  `json:"count"`
	Held  bool `json:"held"`
}

// GroupResult is a group's score, band and explanation, as groupScores in src/scoring/group.ts.
type GroupResult struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Score    float64           `json:"score"` // NaN: no member with data
	Band     string            `json:"band"`  // the worse of Band(Score) and the held rules' bands; nodata without a score
	CappedBy string            `json:"cappedBy"`
	Rules    []GroupRuleResult `json:"rules"`
	Members  []GroupMember     `json:"members"` // services, then nested groups
	NoData   []string          `json:"noData"`  // members without data: out of the score, counted by every rule
}

// BandAtOrWorse reports whether band is than or a worse one; nodata is in none.
func BandAtOrWorse(band, than string) bool { r := bandRank(band); return r >= 0 && r >= bandRank(than) }

// WorseBand is the worse of two bands (nodata only when both are).
func WorseBand(a, b string) string {
	if bandRank(a) >= bandRank(b) {
		return a
	}
	return b
}

// RuleHolds reports whether a rule holds when count of the of members are in its members band or worse.
func RuleHolds(rule GroupRule, count, of int) bool {
	if rule.AtLeast != nil {
		return float64(count) >= *rule.AtLeast
	}
	p := 0.0
	if rule.MorePercent != nil {
		p = *rule.MorePercent
	}
	return of > 0 && float64(count)*100 > p*float64(of) // count/of > p/100 without the division's rounding
}

// RuleText is a rule in words, "critical when at least 2 members are warning or worse", as ruleText in
// src/scoring/group.ts.
func RuleText(rule GroupRule) string {
	var who string
	switch {
	case rule.AtLeast != nil && *rule.AtLeast == 1:
		who = "at least 1 member is"
	case rule.AtLeast != nil:
		who = "at least " + strconv.FormatFloat(*rule.AtLeast, 'f', -1, 64) + " members are"
	case rule.MorePercent != nil:
		who = "more than " + strconv.FormatFloat(*rule.MorePercent, 'f', -1, 64) + " % of the members are"
	}
	worse := " or worse"
	if rule.Members == BandCritical {
		worse = ""
	}
	return rule.Band + " when " + who + " " + rule.Members + worse
}

// combineMembers combines the members' scores as the group's aggregation says.
func combineMembers(g Group, members []GroupMember) (score float64, cappedBy string) {
	scores := make([]float64, len(members))
	weights := make([]float64, len(members))
	keys := make([]bool, len(members))
	for i, m := range members {
		scores[i], weights[i], keys[i] = m.Score, m.Weight, m.Key
	}
	score, capped := CombineScores(g.Aggregation == Worst, scores, weights, keys)
	if capped >= 0 {
		cappedBy = members[capped].ID
	}
	return score, cappedBy
}

// GroupScores is every group's result from its members' results: services' health scores (absent or NaN: no
// data) and nested groups' results. A nested group that is unknown or in a cycle (validation refuses both)
// counts as a member without data.
func GroupScores(groups []Group, services map[string]float64) map[string]GroupResult {
	byID := make(map[string]Group, len(groups))
	for _, g := range groups {
		if _, ok := byID[g.ID]; !ok {
			byID[g.ID] = g
		}
	}
	done := make(map[string]GroupResult, len(groups))
	visiting := map[string]bool{}
	var evaluate func(g Group) GroupResult
	evaluate = func(g Group) GroupResult {
		if r, ok := done[g.ID]; ok {
			return r
		}
		visiting[g.ID] = true
		member := func(kind, id string, score float64, band string) GroupMember {
			w, ok := g.Weights[id]
			if !ok {
				w = 1
			}
			key := false
			for _, k := range g.KeyMembers {
				key = key || k == id
			}
			return GroupMember{Kind: kind, ID: id, Score: score, Band: band, Weight: w, Key: key}
		}
		members := make([]GroupMember, 0, len(g.Services)+len(g.Groups))
		for _, name := range g.Services {
			s, ok := services[name]
			if !ok || !HasData(s) {
				s = math.NaN()
			}
			members = append(members, member("service", name, s, Band(s)))
		}
		for _, id := range g.Groups {
			score, band := math.NaN(), BandNoData
			if nested, ok := byID[id]; ok && !visiting[id] {
				r := evaluate(nested)
				score, band = r.Score, r.Band
			}
			members = append(members, member("group", id, score, band))
		}
		delete(visiting, g.ID)

		r := GroupResult{ID: g.ID, Name: g.Name, Members: members, Rules: make([]GroupRuleResult, len(g.Rules)), NoData: []string{}}
		r.Score, r.CappedBy = combineMembers(g, members)
		r.Band = Band(r.Score)
		for i, rule := range g.Rules {
			count := 0
			for _, m := range members {
				if m.Band == BandNoData || BandAtOrWorse(m.Band, rule.Members) {
					count++
				}
			}
			r.Rules[i] = GroupRuleResult{GroupRule: rule, Count: count, Held: RuleHolds(rule, count, len(members))}
			if r.Rules[i].Held && !math.IsNaN(r.Score) {
				r.Band = WorseBand(r.Band, rule.Band)
			}
		}
		for _, m := range members {
			if m.Band == BandNoData {
				r.NoData = append(r.NoData, m.ID)
			}
		}
		done[g.ID] = r
		return r
	}
	out := make(map[string]GroupResult, len(groups))
	for _, g := range groups {
		out[g.ID] = evaluate(g)
	}
	return out
}

// GroupServices are the services of a group and of its nested groups, each once, in order.
func GroupServices(groups []Group, id string) []string {
	byID := map[string]Group{}
	for _, g := range groups {
		if _, ok := byID[g.ID]; !ok {
			byID[g.ID] = g
		}
	}
	var out []string
	have, seen := map[string]bool{}, map[string]bool{}
	var walk func(string)
	walk = func(gid string) {
		g, ok := byID[gid]
		if !ok || seen[gid] {
			return
		}
		seen[gid] = true
		for _, s := range g.Services {
			if !have[s] {
				have[s] = true
				out = append(out, s)
			}
		}
		for _, n := range g.Groups {
			walk(n)
		}
	}
	walk(id)
	return out
}
