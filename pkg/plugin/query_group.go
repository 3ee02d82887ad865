package plugin

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// GroupSeries is one group of the profile: its score on the query's grid and its result at the end.
type GroupSeries struct {
	Group  scoring.Group
	Score  []float64 // NaN = no data
	Latest scoring.GroupResult
}

// GroupsResult is a group query's answer: each chosen group's score over the range and its latest result.
type GroupsResult struct {
	Groups   []GroupSeries // in profile order
	Services []string      // every chosen group's services, at any depth
	profile  []scoring.Group
	grid     grid
}

// group scores the services of the groups the query chooses (Query.Group, a regex of ids) and rolls them up
// at each timestamp with the library.
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
	if r.alert {
		return res.Numbers(), nil
	}
	return res, nil
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

// Numbers are the groupScore measure: each group's score at the end of the range, labelled group.
func (g *GroupsResult) Numbers() Numbers {
	out := make(Numbers, 0, len(g.Groups))
	for _, gs := range g.Groups {
		out = append(out, Number{"Group score", last(gs.Score), data.Labels{"group": gs.Group.ID}, scoreConfig("")})
	}
	return out
}

// latestTable is one row per group: its latest score and band, the rules that held, its members.
func (g *GroupsResult) latestTable() *data.Frame {
	var id, name, band, cappedBy, held, members, noData, services []string
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
	)
}
