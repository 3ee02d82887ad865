package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"testing"
)

// The fixture portfolio's expectations (testdata/profiles/portfolio-expected.json, written by src/scoring) checked
// against a computation by hand from the scenarios' exact values, and against GroupScores.
func TestPortfolioFixtureByHand(t *testing.T) {
	parsed := ParseProfile(repoFile(t, filepath.Join("testdata", "profiles", "portfolio.json")))
	if parsed.Profile == nil {
		t.Fatalf("portfolio.json: %v", parsed.Problems)
	}
	p := parsed.Profile
	var scenarios struct {
		Scenarios map[string]struct {
			Service string
			Values  struct{ Indicators map[string]float64 }
		}
	}
	if err := json.Unmarshal(repoFile(t, filepath.Join("testdata", "scenarios", "expected.json")), &scenarios); err != nil {
		t.Fatal(err)
	}
	scorer := NewScorer(p)
	s := map[string]float64{}
	for _, sc := range scenarios.Scenarios {
		values := make([]float64, len(scorer.Indicators()))
		for i, ind := range scorer.Indicators() {
			values[i] = sc.Values.Indicators[ind.ID]
		}
		s[sc.Service] = scorer.Evaluate(values).Score
	}
	// The rules' just met / just missed rest on these bands.
	for name, band := range map[string]string{"healthy": "ok", "domain-overhead": "ok", "degraded": "info", "budget-burn": "info", "incident": "critical"} {
		if Band(s[name]) != band {
			t.Fatalf("%s scores %v (%s), the portfolio's rules assume %s", name, s[name], Band(s[name]), band)
		}
	}

	type hand struct {
		score    float64
		band     string
		cappedBy string
		held     []int
	}
	payments := s["budget-burn"] // (3 x budget-burn + degraded) / 4 is above budget-burn, a key member: capped
	want := map[string]hand{
		"platform": {(s["healthy"] + s["degraded"] + s["incident"] + s["budget-burn"] + s["domain-overhead"]) / 5, "warning", "", []int{1, 2, 4}},
		"payments": {payments, "warning", "budget-burn", []int{0}},
		"checkout": {(s["healthy"] + s["incident"] + payments) / 3, "critical", "", []int{0}},
		"archive":  {math.NaN(), "nodata", "", []int{}},
	}
	if (3*s["budget-burn"]+s["degraded"])/4 <= payments {
		t.Fatal("payments' key member no longer caps it")
	}

	var file struct {
		Groups map[string]struct {
			Score     num
			Band      string
			CappedBy  *string
			RulesHeld []int
		}
	}
	if err := json.Unmarshal(repoFile(t, filepath.Join("testdata", "profiles", "portfolio-expected.json")), &file); err != nil {
		t.Fatal(err)
	}
	got := GroupScores(p.Groups, s)
	if len(file.Groups) != len(want) || len(got) != len(want) {
		t.Fatalf("groups: file %d, library %d, by hand %d", len(file.Groups), len(got), len(want))
	}
	for id, w := range want {
		f, g := file.Groups[id], got[id]
		var held []int
		for i, r := range g.Rules {
			if r.Held {
				held = append(held, i)
			}
		}
		for _, c := range []struct {
			who          string
			score        float64
			band, capped string
			held         []int
		}{{"portfolio-expected.json", float64(f.Score), f.Band, deref(f.CappedBy), f.RulesHeld}, {"GroupScores", g.Score, g.Band, g.CappedBy, held}} {
			if !same(c.score, num(w.score)) || c.band != w.band || c.capped != w.cappedBy || fmt.Sprint(c.held) != fmt.Sprint(w.held) {
				t.Errorf("%s %s: score %v band %s cappedBy %q held %v; by hand %v %s %q %v",
					c.who, id, c.score, c.band, c.capped, c.held, w.score, w.band, w.cappedBy, w.held)
			}
		}
	}
}
