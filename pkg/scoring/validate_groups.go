package scoring

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
)

var groupID = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// IsGroupID reports whether s is safe as a group id: a Prometheus label value, a CLI argument and a URL.
func IsGroupID(s string) bool { return groupID.MatchString(s) }

// MaxGroups is the most groups a profile may hold: far past a portfolio's, and small enough that nesting stays
// shallow. As MAX_GROUPS in src/scoring/profile/groups.ts.
const MaxGroups = 1000

var severities = []string{"critical", "warning", "info"}

// names reads a list of non-empty strings (absent or null: empty).
func (r *reader) names(o object, name, path string) []string {
	v := field(o, name, nil)
	if v == nil {
		return []string{}
	}
	list, ok := v.([]any)
	if !ok {
		r.problem(path+"."+name, "must be a list")
		return []string{}
	}
	out := []string{}
	for j, item := range list {
		s, ok := item.(string)
		if !ok || strings.TrimSpace(s) == "" {
			r.problem(fmt.Sprintf("%s.%s[%d]", path, name, j), "must be a non-empty string")
			continue
		}
		out = append(out, s)
	}
	return out
}

func (r *reader) groupRule(item any, path string, memberCount int) (GroupRule, bool) {
	o := r.object(item, path)
	if o == nil {
		return GroupRule{}, false
	}
	rule := GroupRule{Band: r.oneOf(o, "band", path, severities, nil), Members: r.oneOf(o, "members", path, severities, nil)}
	_, hasAtLeast := o.get("atLeast")
	_, hasPercent := o.get("morePercent")
	switch {
	case hasAtLeast == hasPercent:
		r.problem(path, "must have exactly one of atLeast and morePercent")
	case hasAtLeast:
		n := r.number(o, "atLeast", path, nil)
		rule.AtLeast = &n
		if n != math.Trunc(n) || n < 1 || math.IsNaN(n) {
			r.problem(path+".atLeast", "must be a whole number of at least 1")
		} else if n > float64(memberCount) {
			r.problem(path+".atLeast", fmt.Sprintf("must be at most the group's %d members", memberCount))
		}
	default:
		p := r.number(o, "morePercent", path, nil)
		rule.MorePercent = &p
		if p < 0 || p >= 100 {
			r.problem(path+".morePercent", "must be at least 0 and less than 100")
		}
	}
	return rule, true
}

func (r *reader) group(item any, path string, seen map[string]bool) (Group, bool) {
	o := r.object(item, path)
	if o == nil {
		return Group{}, false
	}
	g := Group{ID: r.name(o, "id", path)}
	if g.ID != "" && !IsGroupID(g.ID) {
		r.problem(path+".id", fmt.Sprintf("must use only letters, digits, _, - and ., not %q", g.ID))
	} else if g.ID != "" && seen[g.ID] {
		r.problem(path+".id", fmt.Sprintf("must be unique: %q is used by an earlier group", g.ID))
	}
	seen[g.ID] = true
	g.Name = r.string(o, "name", path, g.ID)
	g.Services = r.names(o, "services", path)
	g.Groups = r.names(o, "groups", path)
	members := append(slices.Clone(g.Services), g.Groups...)
	if len(members) == 0 && isListOrAbsent(o, "services") && isListOrAbsent(o, "groups") {
		r.problem(path, "must list at least one service or nested group")
	}
	for j, m := range members {
		if slices.Index(members, m) < j {
			at := fmt.Sprintf("services[%d]", j)
			if j >= len(g.Services) {
				at = fmt.Sprintf("groups[%d]", j-len(g.Services))
			}
			r.problem(path+"."+at, fmt.Sprintf("must be unique among the members: %q is listed earlier", m))
		}
	}
	g.Aggregation = r.oneOf(o, "aggregation", path, []string{Weighted, Worst}, Weighted)
	g.Weights = map[string]float64{}
	if raw := field(o, "weights", nil); raw != nil {
		if weights := r.object(raw, path+".weights"); weights != nil {
			for _, m := range slices.Sorted(maps.Keys(weights)) {
				w := r.number(weights, m, path+".weights", nil)
				if !slices.Contains(members, m) {
					r.problem(path+".weights."+m, "names no member of the group")
				} else if w < 0 {
					r.problem(path+".weights."+m, "must not be negative")
				}
				g.Weights[m] = w
			}
		}
	}
	if g.Aggregation == Weighted && len(members) > 0 && !slices.ContainsFunc(members, func(m string) bool {
		w, ok := g.Weights[m]
		return !ok || w > 0
	}) {
		r.problem(path+".weights", "must give a member a positive weight")
	}
	g.KeyMembers = r.names(o, "keyMembers", path)
	for k, m := range g.KeyMembers {
		if !slices.Contains(members, m) {
			r.problem(fmt.Sprintf("%s.keyMembers[%d]", path, k), fmt.Sprintf("names no member of the group: %q", m))
		}
	}
	g.Rules = []GroupRule{}
	switch raw := field(o, "rules", nil).(type) {
	case nil:
	case []any:
		for k, item := range raw {
			if rule, ok := r.groupRule(item, fmt.Sprintf("%s.rules[%d]", path, k), len(members)); ok {
				g.Rules = append(g.Rules, rule)
			}
		}
	default:
		r.problem(path+".rules", "must be a list")
	}
	return g, true
}

func isListOrAbsent(o object, name string) bool {
	switch field(o, name, nil).(type) {
	case nil, []any:
		return true
	}
	return false
}

// cycles are every cycle of nested groups, each from the group it re-enters back to it, found by one
// depth-first walk from each group in order, nested groups in list order (each group entered once), as in
// src/scoring/profile/groups.ts.
func cycles(order []string, nested map[string][]string) [][]string {
	const open, done = 1, 2
	state := map[string]int{}
	var path []string
	var found [][]string
	var visit func(id string)
	visit = func(id string) {
		state[id] = open
		path = append(path, id)
		for _, next := range nested[id] {
			if _, known := nested[next]; !known {
				continue
			}
			switch state[next] {
			case open:
				found = append(found, append(slices.Clone(path[slices.Index(path, next):]), next))
			case 0:
				visit(next)
			}
		}
		path = path[:len(path)-1]
		state[id] = done
	}
	for _, id := range order {
		if state[id] == 0 {
			visit(id)
		}
	}
	return found
}

// groups reads the profile's groups (absent or null: none), naming unknown nested groups and cycles, as
// readGroups in src/scoring/profile/groups.ts.
func (r *reader) groups(v any) []Group {
	if v == nil {
		return []Group{}
	}
	list, ok := v.([]any)
	if !ok {
		r.problem("groups", "must be a list")
		return []Group{}
	}
	if len(list) > MaxGroups {
		r.problem("groups", fmt.Sprintf("must hold at most %d groups, not %d", MaxGroups, len(list)))
		return []Group{}
	}
	seen := map[string]bool{}
	read := make([]*Group, len(list))
	for i, item := range list {
		if g, ok := r.group(item, fmt.Sprintf("groups[%d]", i), seen); ok {
			read[i] = &g
		}
	}
	nested := map[string][]string{}
	for _, g := range read {
		if g == nil {
			continue
		}
		if _, dup := nested[g.ID]; !dup {
			nested[g.ID] = g.Groups
		}
	}
	for i, g := range read {
		if g == nil {
			continue
		}
		for j, id := range g.Groups {
			if _, ok := nested[id]; !ok {
				r.problem(fmt.Sprintf("groups[%d].groups[%d]", i, j), fmt.Sprintf("names no group: %q", id))
			}
		}
	}
	var order []string
	out := []Group{}
	for _, g := range read {
		if g != nil {
			out = append(out, *g)
			if !slices.Contains(order, g.ID) {
				order = append(order, g.ID)
			}
		}
	}
	for _, cycle := range cycles(order, nested) {
		i := slices.IndexFunc(read, func(g *Group) bool { return g != nil && g.ID == cycle[0] })
		r.problem(fmt.Sprintf("groups[%d].groups", i), "must not form a cycle: "+strings.Join(cycle, " → "))
	}
	return out
}
