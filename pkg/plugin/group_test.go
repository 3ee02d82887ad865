package plugin

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// portfolio is the fixture portfolio (testdata/profiles/portfolio.json) and its expected group results.
type portfolio struct {
	profile *scoring.Profile
	groups  map[string]struct {
		Score    *float64
		Band     string
		CappedBy *string
		Rules    []scoring.GroupRuleResult
		Members  []struct{ ID, Band string }
		NoData   []string
		Services []string
	}
}

func loadPortfolio(t *testing.T) portfolio {
	t.Helper()
	read := func(name string) []byte {
		raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "profiles", name))
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	parsed := scoring.ParseProfile(read("portfolio.json"))
	if parsed.Profile == nil {
		t.Fatalf("portfolio.json: %v", parsed.Problems)
	}
	p := portfolio{profile: parsed.Profile}
	var file struct{ Groups json.RawMessage }
	if err := json.Unmarshal(read("portfolio-expected.json"), &file); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(file.Groups, &p.groups); err != nil {
		t.Fatal(err)
	}
	return p
}

// portfolioProfile is testdata/profiles/portfolio.json for the golden cases, which have no *testing.T to fail.
func portfolioProfile() *scoring.Profile {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "profiles", "portfolio.json"))
	parsed := scoring.ParseProfile(raw)
	if err != nil || parsed.Profile == nil {
		panic(fmt.Sprintf("testdata/profiles/portfolio.json: %v %v", err, parsed.Problems))
	}
	return parsed.Profile
}

func orNaN(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}

// The group query over gRPC gives every group of the fixture portfolio its expected score, band, rules held
// and members (testdata/profiles/portfolio-expected.json), on the dashboard and as the groupScore measure.
func TestGroupQueryMatchesThePortfolio(t *testing.T) {
	f, pf := loadFixture(t), loadPortfolio(t)
	p := f.plugin(t, pf.profile)
	dr := p.query(t, nil, f.query("A", map[string]any{"queryType": "group"})).Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	table := rows(t, dr.Frames, "Latest groups")
	if len(table) != len(pf.groups) {
		t.Fatalf("%d groups, want %d", len(table), len(pf.groups))
	}
	for _, row := range table {
		id := row["Group"].(string)
		want, ok := pf.groups[id]
		if !ok {
			t.Fatalf("group %q is not in portfolio-expected.json", id)
		}
		expectNear(t, id+" score", row["Score"].(float64), orNaN(want.Score))
		expectNear(t, id+" series' last score", lastValue(fieldWith(t, dr.Frames, "Group score", data.Labels{"group": id})), orNaN(want.Score))
		var held, members []string
		for _, r := range want.Rules {
			if r.Held {
				held = append(held, scoring.RuleText(r.GroupRule))
			}
		}
		for _, m := range want.Members {
			members = append(members, m.ID+" ("+m.Band+")")
		}
		cappedBy := ""
		if want.CappedBy != nil {
			cappedBy = *want.CappedBy
		}
		for _, c := range [][3]string{
			{"band", row["Band"].(string), want.Band},
			{"capped by", row["Capped by"].(string), cappedBy},
			{"rules held", row["Rules held"].(string), strings.Join(held, "; ")},
			{"members", row["Members"].(string), strings.Join(members, ", ")},
			{"no data", row["No data"].(string), strings.Join(want.NoData, ", ")},
			{"services", row["Services"].(string), strings.Join(want.Services, ", ")},
		} {
			if c[1] != c[2] {
				t.Errorf("%s %s = %q, want %q", id, c[0], c[1], c[2])
			}
		}
	}

	alert := p.query(t, alertHeader, f.query("A", map[string]any{"queryType": "group", "measure": "groupScore"})).Responses["A"]
	if alert.Error != nil {
		t.Fatal(alert.Error)
	}
	if len(alert.Frames) != len(pf.groups) {
		t.Fatalf("%d alert numbers, want one per group (%d)", len(alert.Frames), len(pf.groups))
	}
	for _, fr := range alert.Frames {
		fld := fr.Fields[0]
		id := fld.Labels["group"]
		expectNear(t, "groupScore "+id, lastValue(fld), orNaN(pf.groups[id].Score))
	}

	one := p.query(t, nil, f.query("A", map[string]any{"queryType": "group", "group": "pay.*"})).Responses["A"]
	if got := rows(t, one.Frames, "Latest groups"); len(got) != 1 || got[0]["Group"] != "payments" {
		t.Errorf("group pay.* answers %v, want payments only", got)
	}
}

// Each group's error-budget policy state over gRPC is the worst of its services' (expected.json's, from the
// reference maths), nested groups' included, and no data when a service has none: in the Latest groups table
// and as the groupPolicyState measure. The added group "steady" holds the two services in warn.
func TestGroupPolicyIsTheWorstOfItsServices(t *testing.T) {
	f, pf := loadFixture(t), loadPortfolio(t)
	profile := *pf.profile
	profile.Groups = append(slices.Clone(profile.Groups),
		scoring.Group{ID: "steady", Name: "Steady", Services: []string{"healthy", "domain-overhead"}, Aggregation: scoring.Worst})
	want := map[string]string{"platform": "freeze", "payments": "freeze", "checkout": "freeze", "archive": "nodata", "steady": "warn"}
	for id, state := range want {
		var states []string
		for _, s := range scoring.GroupServices(profile.Groups, id) {
			st := scoring.PolicyNoData
			if sc, ok := f.Scenarios[s]; ok {
				st = sc.Values.Budget.PolicyState
			}
			states = append(states, st)
		}
		if got := scoring.WorstPolicyState(states); got != state {
			t.Fatalf("%s: its services' states %v roll up to %s, this test says %s", id, states, got, state)
		}
	}
	p := f.plugin(t, &profile)

	dr := p.query(t, nil, f.query("A", map[string]any{"queryType": "group"})).Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	table := rows(t, dr.Frames, "Latest groups")
	if len(table) != len(want) {
		t.Fatalf("%d groups, want %d", len(table), len(want))
	}
	for _, row := range table {
		if id := row["Group"].(string); row["Policy state"] != want[id] {
			t.Errorf("%s policy state %v, want %s", id, row["Policy state"], want[id])
		}
	}

	alert := p.query(t, alertHeader, f.query("P", map[string]any{"queryType": "group", "measure": "groupPolicyState"})).Responses["P"]
	levels := map[string]float64{}
	for id, state := range want {
		levels[labelsKey("group", id)] = math.NaN()
		if level, ok := policyLevels[state]; ok {
			levels[labelsKey("group", id)] = level
		}
	}
	expectNumbers(t, "groupPolicyState", alertNumbers(t, "groupPolicyState", alert), levels)
}
