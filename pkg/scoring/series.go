package scoring

import "math"

// Grid is the timestamps a query asks for: Start + k*Step for k < Length, in milliseconds.
type Grid struct {
	Start  int64 `json:"start"`
	Step   int64 `json:"step"`
	Length int   `json:"length"`
}

// At is the k-th timestamp.
func (g Grid) At(k int) int64 { return g.Start + int64(k)*g.Step }

// SeriesStep is the smallest positive distance between consecutive timestamps; NaN with fewer than two.
func SeriesStep(timestamps []int64) float64 {
	step := math.NaN()
	for i := 1; i < len(timestamps); i++ {
		if d := float64(timestamps[i] - timestamps[i-1]); d > 0 && !(d >= step) {
			step = d
		}
	}
	return step
}

// AlignSeries gives a series' value at each grid timestamp t: its last sample at or before t, if that sample
// is less than one step old (the larger of the grid's step and the series' own); NaN (no data) otherwise. A
// series with a coarser step is held between its samples; a gap stays a gap. Timestamps ascend.
func AlignSeries(timestamps []int64, values []float64, g Grid) []float64 {
	out := make([]float64, g.Length)
	lookback := float64(g.Step)
	if step := SeriesStep(timestamps); !math.IsNaN(step) {
		lookback = math.Max(lookback, step)
	}
	j := -1
	for k := range out {
		t := g.At(k)
		for j+1 < len(timestamps) && timestamps[j+1] <= t {
			j++
		}
		if j >= 0 && float64(t-timestamps[j]) < lookback {
			out[k] = values[j]
		} else {
			out[k] = math.NaN()
		}
	}
	return out
}

// ScoreColumns scores every grid timestamp of aligned columns (one per enabled indicator, NaN for no data):
// score[k] is the composite and subs[i][k] each sub-score. It works column by column, each indicator's
// thresholds read once, then combines row by row.
func (s *Scorer) ScoreColumns(columns [][]float64, length int) (score []float64, subs [][]float64) {
	subs = make([][]float64, len(s.indicators))
	for i := range s.indicators {
		t, higher := s.indicators[i].Thresholds(), s.indicators[i].Higher()
		col, out := columns[i][:length], make([]float64, length)
		for k, v := range col {
			if HasData(v) {
				out[k] = SubScore(v, t, higher)
			} else {
				out[k] = math.NaN()
			}
		}
		subs[i] = out
	}
	score = make([]float64, length)
	row := make([]float64, len(subs))
	for k := range score {
		for i, col := range subs {
			row[i] = col[k]
		}
		score[k], _ = s.Combine(row)
	}
	return score, subs
}
