package scoring

import (
	"math"
	"testing"
)

func TestSubScoreAtAndBetweenThresholds(t *testing.T) {
	latency := Thresholds{Target: 0.2, Warning: 0.5, Critical: 1}
	availability := Thresholds{Target: 99.9, Warning: 99.5, Critical: 99}
	cases := []struct {
		name   string
		v      float64
		t      Thresholds
		higher bool
		want   float64
	}{
		{"below target", 0.1, latency, false, 100},
		{"at target", 0.2, latency, false, 100},
		{"halfway to warning", 0.35, latency, false, 85},
		{"at warning", 0.5, latency, false, 70},
		{"halfway to critical", 0.75, latency, false, 60},
		{"at critical", 1, latency, false, 50},
		{"past critical", 1.5, latency, false, 30},
		{"floored at 0", 10, latency, false, 0},
		{"higher: above target", 100, availability, true, 100},
		{"higher: at target", 99.9, availability, true, 100},
		{"higher: at warning", 99.5, availability, true, 70},
		{"higher: at critical", 99, availability, true, 50},
		{"higher: past critical", 98.5, availability, true, 30},
	}
	for _, c := range cases {
		if got := SubScore(c.v, c.t, c.higher); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: SubScore(%v) = %v, want %v", c.name, c.v, got, c.want)
		}
	}
}

func TestBandCutOffs(t *testing.T) {
	for _, c := range []struct {
		s    float64
		want string
	}{{100, BandOK}, {90, BandOK}, {89.999, BandInfo}, {70, BandInfo}, {69.9, BandWarning}, {50, BandWarning}, {49.9, BandCritical}, {0, BandCritical}, {math.NaN(), BandNoData}} {
		if got := Band(c.s); got != c.want {
			t.Errorf("Band(%v) = %s, want %s", c.s, got, c.want)
		}
	}
}

func TestCompositeCapsNoDataAndWorst(t *testing.T) {
	p := DefaultProfile()
	s := NewScorer(p) // latency, error rate (key), cpu, memory, availability; throughput disabled
	nan := math.NaN()
	// degraded scenario: 0.35 s, 0.25 %, 75 %, 85 %, 99.75 %
	r := s.Evaluate([]float64{0.35, 0.25, 75, 85, 99.75})
	if math.Abs(r.Score-85) > 1e-9 || r.CappedBy != "latency_p95" || r.Band != BandInfo {
		t.Fatalf("degraded: got %v capped by %q (%s)", r.Score, r.CappedBy, r.Band)
	}
	// no data is left out, never counted as healthy
	r = s.Evaluate([]float64{nan, math.Inf(1), 90, nan, nan})
	if math.Abs(r.Score-50) > 1e-9 || r.Indicators[0].Band != BandNoData || !math.IsNaN(r.Indicators[0].PointsLost) {
		t.Fatalf("no data: got %+v", r)
	}
	if r = s.Evaluate([]float64{nan, nan, nan, nan, nan}); !math.IsNaN(r.Score) || r.Band != BandNoData {
		t.Fatalf("all missing: got %+v", r)
	}
	// points lost: w_i (100 - s_i) / sum(w)
	r = s.Evaluate([]float64{0.5, 0.1, 70, 80, 99.9})
	if want := 0.3 * 30 / 1.0; math.Abs(r.Indicators[0].PointsLost-want) > 1e-9 {
		t.Fatalf("points lost %v, want %v", r.Indicators[0].PointsLost, want)
	}
	p.Aggregation = Worst
	if r = NewScorer(p).Evaluate([]float64{0.35, 0.25, 95, 85, 99.75}); math.Abs(r.Score-40) > 1e-9 || r.CappedBy != "" {
		t.Fatalf("worst: got %v capped by %q", r.Score, r.CappedBy)
	}
}

func TestBreachIntervalsAndMTTR(t *testing.T) {
	ts := []int64{0, 60, 120, 180, 240, 300, 360, 420}
	b := []bool{false, true, true, false, true, false, true, true}
	sum := BreachIntervals(ts, b, 60)
	if len(sum.Resolved) != 2 || sum.Resolved[0] != (Interval{Start: 60, End: 120, Length: 120}) || sum.Resolved[1] != (Interval{Start: 240, End: 240, Length: 60}) {
		t.Fatalf("resolved: %+v", sum.Resolved)
	}
	if sum.Open == nil || *sum.Open != (Interval{Start: 360, End: 420, Length: 120}) || sum.MTTR != 90 {
		t.Fatalf("open %+v, mttr %v", sum.Open, sum.MTTR)
	}
	if sum = BreachIntervals(ts, make([]bool, len(ts)), 60); !math.IsNaN(sum.MTTR) || sum.Open != nil {
		t.Fatalf("no breach: %+v", sum)
	}
}

func TestSLAFormulas(t *testing.T) {
	if got := BudgetRemaining(0.0025, 99.9); math.Abs(got-(-1.5)) > 1e-9 {
		t.Fatalf("negative budget: %v", got)
	}
	for i, want := range []float64{14.4, 6, 3, 1} {
		tier := DefaultProfile().SLA.BurnRateTiers[i]
		if got, _ := TierFactor(tier, 720); math.Abs(got-want) > 1e-9 {
			t.Errorf("%s factor %v, want %v", tier.Name, got, want)
		}
	}
	if Firing(14.4, 20, 14.4) || !Firing(14.5, 20, 14.4) || Firing(math.NaN(), 20, 1) {
		t.Fatal("a tier fires only when both burn rates are strictly above its factor")
	}
}
