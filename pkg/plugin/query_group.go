package plugin

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// GroupSeries is one group of the profile: its score on the query's grid, its result at the end and its
// error-budget policy state there.
type GroupSeries struct {
	Group  scoring.Group
	Score  []float64 // NaN = no data
	Latest scoring.GroupResult
	Policy string // the worst of its services' policy states (scoring.WorstPolicyState); "" when not asked for
}

// GroupsResult is a group query's answer: each chosen group's score over the range and its latest result.
type GroupsResult struct {
	Groups   []GroupSeries // in profile order
	Services []string      // every chosen group's services, at any depth
	profile  []scoring.Group
	grid     grid
}

// group scores the services of the groups the query chooses (Query.Group, a regex of ids) and rolls them up
// at each timestamp with the library; for dashboards and the groupPolicyState measure it also rolls up their
// services' error-budget policy states at the end of the range.
func group(ctx context.Context, r *run) (Result, error) {
	profile := r.d.settings.Profile
	match, _ := models.Anchored(r.q.Group)
	var chosen []scoring.Group
	var services []string
	seen := map[string]bool{}
	for _, g := range profile.Groups {
		if !match.MatchString(g.ID) {
			continue
		}
		chosen = append(chosen, g)
		for _, s := range scoring.GroupServices(profile.Groups, g.ID) {
			if !seen[s] {
				seen[s] = true
				services = append(services, s)
			}
		}
	}
	if len(chosen) == 0 {
		why := fmt.Sprintf("the profile has no group matching %q", r.q.Group)
		if len(profile.Groups) == 0 {
			why = "the profile has no groups: add them to the profile's groups"
		}
		return r.noData("Group score", why), nil
	}
	quoted := make([]string, len(services))
	for i, s := range services {
		quoted[i] = regexp.QuoteMeta(s)
	}
	r.vars["service"] = scoring.EscapeForString(strings.Join(quoted, "|"))
	healths, err := r.computeHealth(ctx)
	if err != nil {
		return nil, err
	}
	res := &GroupsResult{Services: services, profile: profile.Groups, grid: r.grid}
	for _, g := range chosen {
		res.Groups = append(res.Groups, GroupSeries{Group: g, Score: nans(r.grid.n)})
	}
	scores := make(map[string]float64, len(healths))
	for i := range r.grid.n {
		for _, sh := range healths {
			scores[sh.Service] = sh.Score[i]
		}
		all := scoring.GroupScores(profile.Groups, scores)
		for k := range res.Groups {
			latest := all[res.Groups[k].Group.ID]
			res.Groups[k].Score[i] = latest.Score
			res.Groups[k].Latest = latest
		}
	}
	if !r.alert || r.q.Measure == models.MeasureGroupPolicyState {
		if err := res.addPolicy(ctx, r); err != nil {
			return nil, err
		}
	}
	if r.alert {
		return res.Numbers(r.q.Measure), nil
	}
	return res, nil
}

// addPolicy gives each group the worst error-budget policy state of its services (nested groups' included): a
// service without SLA data counts as no data, which only a page or freeze elsewhere outranks.
func (g *GroupsResult) addPolicy(ctx context.Context, r *run) error {
	states, _, _, err := r.computeSLA(ctx)
	if err != nil {
		return err
	}
	byService := make(map[string]string, len(states))
	for k, st := range states {
		byService[k.service] = st.budget.State
	}
	for k, gs := range g.Groups {
		services := scoring.GroupServices(g.profile, gs.Group.ID)
		members := make([]string, len(services))
		for i, s := range services {
			if members[i] = byService[s]; members[i] == "" {
				members[i] = scoring.PolicyNoData
			}
		}
		g.Groups[k].Policy = scoring.WorstPolicyState(members)
	}
	return nil
}

// Frames are the dashboard's: each group's score series (labelled group) and the latest groups table.
func (g *GroupsResult) Frames() data.Frames {
	series := newWideFrame("Group score", g.grid)
	for _, gs := range g.Groups {
		name := "Group score"
		if len(g.Groups) > 1 {
			name += " · " + gs.Group.Name
		}
		series.add("Group score", gs.Score, data.Labels{"group": gs.Group.ID}, scoreConfig(name))
	}
	return data.Frames{series.Frame, g.latestTable()}
}

// Numbers are the measure at the end of the range, labelled group: each group's score (groupScore) or its
// policy state's level (groupPolicyState: 0 ok .. 3 freeze, none without data).
func (g *GroupsResult) Numbers(measure models.Measure) Numbers {
	out := make(Numbers, 0, len(g.Groups))
	for _, gs := range g.Groups {
		labels := data.Labels{"group": gs.Group.ID}
		if measure == models.MeasureGroupPolicyState {
			level, ok := scoring.PolicyLevel(gs.Policy)
			if !ok {
				level = math.NaN()
			}
			out = append(out, Number{"Group policy state", level, labels, policyStateConfig()})
			continue
		}
		out = append(out, Number{"Group score", last(gs.Score), labels, scoreConfig("")})
	}
	return out
}

// latestTable is one row per group: its latest score and band, the rules that held, its members, its policy state.
func (g *GroupsResult) latestTable() *data.Frame {
	var id, name, band, cappedBy, held, members, noData, services, policy []string
	var score []*float64
	for _, gs := range g.Groups {
		r := gs.Latest
		id, name, band, cappedBy = append(id, r.ID), append(name, r.Name), append(band, r.Band), append(cappedBy, r.CappedBy)
		score = append(score, nullable(r.Score))
		var rules, ms []string
		for _, rule := range r.Rules {
			if rule.Held {
				rules = append(rules, scoring.RuleText(rule.GroupRule))
			}
		}
		for _, m := range r.Members {
			ms = append(ms, m.ID+" ("+m.Band+")")
		}
		held = append(held, strings.Join(rules, "; "))
		members = append(members, strings.Join(ms, ", "))
		noData = append(noData, strings.Join(r.NoData, ", "))
		services = append(services, strings.Join(scoring.GroupServices(g.profile, r.ID), ", "))
		policy = append(policy, gs.Policy)
	}
	return table("Latest groups",
		data.NewField("Group", nil, id),
		data.NewField("Name", nil, name),
		data.NewField("Score", nil, score).SetConfig(scoreConfig("")),
		data.NewField("Band", nil, band),
		data.NewField("Capped by", nil, cappedBy),
		data.NewField("Rules held", nil, held),
		data.NewField("Members", nil, members),
		data.NewField("No data", nil, noData),
		data.NewField("Services", nil, services),
		data.NewField("Policy state", nil, policy),
	)
}
