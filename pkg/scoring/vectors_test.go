package scoring

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perfscope/perfscope/pkg/prom"
	"github.com/perfscope/perfscope/tools/fixtures/promtest"
)

// The shared vectors (testdata/vectors, written by src/scoring) pin the maths of both implementations.

type vectorCase struct {
	Name     string          `json:"name"`
	Input    json.RawMessage `json:"input"`
	Expected json.RawMessage `json:"expected"`
}

func vectors(t *testing.T, section string) []vectorCase {
	t.Helper()
	var file struct {
		Cases []vectorCase `json:"cases"`
	}
	if err := json.Unmarshal(repoFile(t, filepath.Join("testdata", "vectors", section+".json")), &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) == 0 {
		t.Fatalf("%s: no cases", section)
	}
	return file.Cases
}

// num is a vector number: a JSON number, "NaN", "+Inf", "-Inf", or null (no data, NaN here).
type num float64

func (n *num) UnmarshalJSON(b []byte) error {
	switch s := strings.Trim(string(b), `"`); s {
	case "null", "NaN":
		*n = num(math.NaN())
	case "+Inf":
		*n = num(math.Inf(1))
	case "-Inf":
		*n = num(math.Inf(-1))
	default:
		var f float64
		if err := json.Unmarshal(b, &f); err != nil {
			return err
		}
		*n = num(f)
	}
	return nil
}

func decode(t *testing.T, c vectorCase, in, want any) {
	t.Helper()
	if err := json.Unmarshal(c.Input, in); err != nil {
		t.Fatalf("%s input: %v", c.Name, err)
	}
	if err := json.Unmarshal(c.Expected, want); err != nil {
		t.Fatalf("%s expected: %v", c.Name, err)
	}
}

func same(got float64, want num) bool {
	w := float64(want)
	switch {
	case math.IsNaN(w):
		return math.IsNaN(got)
	case math.IsInf(w, 0):
		return got == w
	}
	return math.Abs(got-w) <= 1e-9
}

func check(t *testing.T, c vectorCase, what string, got float64, want num) {
	t.Helper()
	if !same(got, want) {
		t.Errorf("%s: %s = %v, want %v", c.Name, what, got, float64(want))
	}
}

func checkString(t *testing.T, c vectorCase, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: %s = %q, want %q", c.Name, what, got, want)
	}
}

func nums(in []num) []float64 {
	out := make([]float64, len(in))
	for i, v := range in {
		out[i] = float64(v)
	}
	return out
}

func TestVectorsSubScore(t *testing.T) {
	for _, c := range vectors(t, "subscore") {
		var in struct {
			Value                     num
			Direction                 string
			Target, Warning, Critical float64
		}
		var want struct {
			SubScore num
			Band     string
		}
		decode(t, c, &in, &want)
		got := math.NaN()
		if HasData(float64(in.Value)) {
			got = SubScore(float64(in.Value), Thresholds{in.Target, in.Warning, in.Critical}, in.Direction == "higher")
		}
		check(t, c, "subScore", got, want.SubScore)
		checkString(t, c, "band", Band(got), want.Band)
	}
}

func TestVectorsBands(t *testing.T) {
	for _, c := range vectors(t, "bands") {
		var in struct{ Score num }
		var want struct{ Band string }
		decode(t, c, &in, &want)
		checkString(t, c, "band", Band(float64(in.Score)), want.Band)
	}
}

type vectorIndicators struct {
	Aggregation string
	Indicators  []Indicator
}

func TestVectorsComposite(t *testing.T) {
	for _, c := range vectors(t, "composite") {
		var in struct {
			vectorIndicators
			Values map[string]num
		}
		var want struct {
			Score      num
			Band       string
			CappedBy   *string
			NoData     []string
			Indicators []struct {
				ID                          string
				Value, SubScore, PointsLost num
				Band                        string
			}
		}
		decode(t, c, &in, &want)
		s := NewScorer(&Profile{Aggregation: in.Aggregation, Indicators: in.Indicators})
		values := make([]float64, len(s.Indicators()))
		for i, ind := range s.Indicators() {
			values[i] = math.NaN()
			if v, ok := in.Values[ind.ID]; ok {
				values[i] = float64(v)
			}
		}
		r := s.Evaluate(values)
		check(t, c, "score", r.Score, want.Score)
		checkString(t, c, "band", r.Band, want.Band)
		checkString(t, c, "cappedBy", r.CappedBy, deref(want.CappedBy))
		var noData []string
		for _, ir := range r.Indicators {
			if math.IsNaN(ir.SubScore) {
				noData = append(noData, ir.ID)
			}
		}
		checkString(t, c, "noData", fmt.Sprint(noData), fmt.Sprint(want.NoData))
		if len(r.Indicators) != len(want.Indicators) {
			t.Fatalf("%s: %d indicators, want %d", c.Name, len(r.Indicators), len(want.Indicators))
		}
		for i, w := range want.Indicators {
			g := r.Indicators[i]
			checkString(t, c, "indicator id", g.ID, w.ID)
			check(t, c, w.ID+" value", g.Value, w.Value)
			check(t, c, w.ID+" subScore", g.SubScore, w.SubScore)
			check(t, c, w.ID+" pointsLost", g.PointsLost, w.PointsLost)
			checkString(t, c, w.ID+" band", g.Band, w.Band)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

type vectorDomain struct {
	Name               string
	Overhead, SubScore num
	Band               string
}

func checkDomain(t *testing.T, c vectorCase, got DomainOverhead, want vectorDomain) {
	t.Helper()
	check(t, c, want.Name+" overhead", got.Overhead, want.Overhead)
	check(t, c, want.Name+" subScore", got.SubScore, want.SubScore)
	checkString(t, c, want.Name+" band", got.Band, want.Band)
}

func TestVectorsOverhead(t *testing.T) {
	for _, c := range vectors(t, "overhead") {
		var in struct {
			Mode    string
			Domains Domains
			Samples map[string]struct{ DomainTime, TotalTime, Latency, Baseline num }
		}
		var want struct {
			Domains []vectorDomain
			System  vectorDomain
		}
		decode(t, c, &in, &want)
		overheads := map[string]float64{}
		for name, s := range in.Samples {
			if in.Mode == ModeBaseline {
				overheads[name] = BaselineOverhead(float64(s.Latency), float64(s.Baseline))
			} else {
				overheads[name] = ShareOverhead(float64(s.DomainTime), float64(s.TotalTime))
			}
		}
		r := in.Domains.Report(overheads)
		if len(r.Domains) != len(want.Domains) {
			t.Fatalf("%s: %d domains, want %d", c.Name, len(r.Domains), len(want.Domains))
		}
		for i, w := range want.Domains {
			checkString(t, c, "domain", r.Domains[i].Name, w.Name)
			checkDomain(t, c, r.Domains[i], w)
		}
		want.System.Name = "system"
		checkDomain(t, c, r.System, want.System)
	}
}

func TestVectorsSLA(t *testing.T) {
	for _, c := range vectors(t, "sla") {
		var in struct {
			SLA         SLA
			At          time.Time
			ErrorRatios map[string]num
		}
		var want struct {
			Availability, BudgetRemaining num
			BurnRates                     map[string]num
			Tiers                         []struct {
				Name, Severity                      string
				Factor, LongBurnRate, ShortBurnRate num
				Firing                              bool
			}
		}
		decode(t, c, &in, &want)
		ratios := map[string]float64{}
		for k, v := range in.ErrorRatios {
			ratios[k] = float64(v)
		}
		r, err := in.SLA.Report(ratios, in.At)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		check(t, c, "availability", r.Availability, want.Availability)
		check(t, c, "budgetRemaining", r.BudgetRemaining, want.BudgetRemaining)
		if len(r.BurnRates) != len(want.BurnRates) || len(r.Tiers) != len(want.Tiers) {
			t.Fatalf("%s: burn rates %v tiers %d, want %v and %d", c.Name, r.BurnRates, len(r.Tiers), want.BurnRates, len(want.Tiers))
		}
		for w, rate := range want.BurnRates {
			check(t, c, "burn rate "+w, r.BurnRates[w], rate)
		}
		for i, w := range want.Tiers {
			g := r.Tiers[i]
			checkString(t, c, "tier", g.Name+" "+g.Severity, w.Name+" "+w.Severity)
			check(t, c, w.Name+" factor", g.Factor, w.Factor)
			check(t, c, w.Name+" long", g.LongBurnRate, w.LongBurnRate)
			check(t, c, w.Name+" short", g.ShortBurnRate, w.ShortBurnRate)
			if g.Firing != w.Firing {
				t.Errorf("%s: %s firing %v, want %v", c.Name, w.Name, g.Firing, w.Firing)
			}
		}
	}
}

func TestVectorsLatencyCompliance(t *testing.T) {
	for _, c := range vectors(t, "latency-compliance") {
		var in struct {
			Buckets []struct {
				Le, Count num
			}
			Threshold float64
		}
		var want struct{ Compliance num }
		decode(t, c, &in, &want)
		buckets := make([]Bucket, len(in.Buckets))
		for i, b := range in.Buckets {
			buckets[i] = Bucket{Le: float64(b.Le), Count: float64(b.Count)}
		}
		check(t, c, "compliance", LatencyCompliance(buckets, in.Threshold), want.Compliance)
	}
}

func TestVectorsMTTR(t *testing.T) {
	for _, c := range vectors(t, "mttr") {
		var in struct {
			Timestamps []int64
			InBreach   []bool
			Step       int64
		}
		var want struct {
			Resolved []Interval
			Open     *Interval
			MTTR     num
		}
		decode(t, c, &in, &want)
		got := BreachIntervals(in.Timestamps, in.InBreach, in.Step)
		checkString(t, c, "resolved", fmt.Sprint(got.Resolved), fmt.Sprint(want.Resolved))
		if (got.Open == nil) != (want.Open == nil) || (got.Open != nil && *got.Open != *want.Open) {
			t.Errorf("%s: open %v, want %v", c.Name, got.Open, want.Open)
		}
		check(t, c, "mttr", got.MTTR, want.MTTR)
	}
}

func TestVectorsSeries(t *testing.T) {
	for _, c := range vectors(t, "series") {
		var in struct {
			vectorIndicators
			Grid   Grid
			Series map[string]struct {
				Timestamps []int64
				Values     []num
			}
		}
		var want struct {
			Aligned   map[string][]num
			SubScores map[string][]num
			Score     []num
		}
		decode(t, c, &in, &want)
		s := NewScorer(&Profile{Aggregation: in.Aggregation, Indicators: in.Indicators})
		columns := make([][]float64, len(s.Indicators()))
		for i, ind := range s.Indicators() {
			if series, ok := in.Series[ind.ID]; ok {
				columns[i] = AlignSeries(series.Timestamps, nums(series.Values), in.Grid)
			} else {
				columns[i] = AlignSeries(nil, nil, in.Grid)
			}
			if w, ok := want.Aligned[ind.ID]; ok {
				for k := range w {
					check(t, c, fmt.Sprintf("%s aligned[%d]", ind.ID, k), columns[i][k], w[k])
				}
			}
		}
		score, subs := s.ScoreColumns(columns, in.Grid.Length)
		for i, ind := range s.Indicators() {
			for k, w := range want.SubScores[ind.ID] {
				check(t, c, fmt.Sprintf("%s subScore[%d]", ind.ID, k), subs[i][k], w)
			}
		}
		if len(score) != len(want.Score) {
			t.Fatalf("%s: %d scores, want %d", c.Name, len(score), len(want.Score))
		}
		for k, w := range want.Score {
			check(t, c, fmt.Sprintf("score[%d]", k), score[k], w)
		}
	}
}

func TestVectorsDurations(t *testing.T) {
	for _, c := range vectors(t, "durations") {
		var in struct{ Text string }
		var want struct{ MS num }
		decode(t, c, &in, &want)
		ms, ok := parseDurationMs(in.Text)
		if !ok {
			ms = math.NaN()
		}
		check(t, c, "ms", ms, want.MS)
	}
}

// Structure everywhere; PromQL syntax through the fixture Prometheus' parser when there is one (the cases
// with "is not valid PromQL" are skipped without it).
func TestVectorsValidation(t *testing.T) {
	var client *prom.Client
	if url := os.Getenv("PERFSCOPE_PROMETHEUS_URL"); url != "" || os.Getenv("PERFSCOPE_REQUIRE_PROMETHEUS") == "1" {
		var err error
		if client, err = prom.New(promtest.PrometheusURL(t), &http.Client{}, 4, 10*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	skipped := 0
	for _, c := range append(vectors(t, "validation"), vectors(t, "group-validation")...) {
		var in struct{ Profile json.RawMessage }
		var want struct{ Problems []Problem }
		decode(t, c, &in, &want)
		needsPrometheus := strings.Contains(string(c.Expected), "is not valid PromQL")
		if needsPrometheus && client == nil {
			skipped++
			continue
		}
		parsed := ParseProfile(in.Profile)
		if client != nil {
			if err := parsed.CheckQueries(context.Background(), client.CheckSyntax); err != nil {
				t.Fatal(err)
			}
		}
		var got, wanted []string
		for _, p := range parsed.Problems {
			got = append(got, p.Path+" | "+p.Message)
		}
		for _, p := range want.Problems {
			wanted = append(wanted, p.Path+" | "+p.Message)
		}
		if fmt.Sprint(got) != fmt.Sprint(wanted) {
			t.Errorf("%s:\n got %q\nwant %q", c.Name, got, wanted)
		}
		if (parsed.Profile == nil) != (len(want.Problems) > 0) {
			t.Errorf("%s: profile returned %v with %d problems", c.Name, parsed.Profile != nil, len(want.Problems))
		}
	}
	if skipped > 0 {
		t.Logf("%d PromQL cases need the fixture Prometheus (scripts/with-prometheus.sh)", skipped)
	}
}
