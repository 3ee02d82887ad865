package scoring

import "math"

// BandFloor is a band and the lowest score it holds.
type BandFloor struct {
	Band  string
	Floor float64
}

// BandFloors are the bands a score can be in, best first, as bandOf in src/scoring/bands.ts.
var BandFloors = []BandFloor{{BandOK, 90}, {BandInfo, 70}, {BandWarning, 50}, {BandCritical, math.Inf(-1)}}

func bandRank(band string) int {
	for i, b := range BandFloors {
		if b.Band == band {
			return i
		}
	}
	return -1
}

// BandCeiling is the score below which a score is in the band or a worse one: the floor of the next better
// band (+Inf for ok, NaN for an unknown band).
func BandCeiling(band string) float64 {
	switch i := bandRank(band); {
	case i < 0:
		return math.NaN()
	case i == 0:
		return math.Inf(1)
	default:
		return BandFloors[i-1].Floor
	}
}

// AtOrWorse reports whether a score is in band or a worse one; a score without data is in none.
func AtOrWorse(score float64, band string) bool { return HasData(score) && score < BandCeiling(band) }

// BandStep is where a band starts as a value rises (Grafana's threshold steps).
type BandStep struct {
	From float64 `json:"from"`
	Band string  `json:"band"`
}

// ScoreSteps are a 0-100 score's bands as ascending steps: critical from -Inf, warning 50, info 70, ok 90.
func ScoreSteps() []BandStep {
	out := make([]BandStep, len(BandFloors))
	for i, b := range BandFloors {
		out[len(out)-1-i] = BandStep{b.Floor, b.Band}
	}
	return out
}

// crossing is the smallest double at which holds turns true (false below, true from it on), starting from a
// guess a few rounding errors away: each step moves one double, 64 at most.
func crossing(holds func(float64) bool, guess float64) float64 {
	v := guess
	for i := 0; i < 64 && holds(math.Nextafter(v, math.Inf(-1))); i++ {
		v = math.Nextafter(v, math.Inf(-1))
	}
	for i := 0; i < 64 && !holds(v); i++ {
		v = math.Nextafter(v, math.Inf(1))
	}
	return v
}

// ValueSteps are a raw value's bands as ascending steps, so a value and its sub-score always show the same
// band: each step starts at the smallest double whose sub-score is in its band (where the sub-score crosses 90
// a third of the way from target to warning, 70 at warning and 50 at critical, to the last rounding error).
// As valueSteps in src/scoring/bands.ts.
func ValueSteps(t Thresholds, higher bool) []BandStep {
	bandAt := func(v float64) int { return bandRank(Band(SubScore(v, t, higher))) }
	type guessed struct {
		band  string
		guess float64
	}
	var order []guessed
	if higher {
		order = []guessed{{BandCritical, 0}, {BandWarning, t.Critical}, {BandInfo, t.Warning}, {BandOK, t.Target - (t.Target-t.Warning)/3}}
	} else {
		order = []guessed{{BandOK, 0}, {BandInfo, t.Target + (t.Warning-t.Target)/3}, {BandWarning, t.Warning}, {BandCritical, t.Critical}}
	}
	out := []BandStep{{math.Inf(-1), order[0].band}}
	for _, g := range order[1:] {
		r := bandRank(g.band)
		holds := func(v float64) bool { return bandAt(v) >= r }
		if higher {
			holds = func(v float64) bool { return bandAt(v) <= r }
		}
		out = append(out, BandStep{crossing(holds, g.guess), g.band})
	}
	return out
}
