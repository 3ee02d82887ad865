package scoring

import "math"

// Aggregation modes.
const (
	Weighted = "weighted"
	Worst    = "worst"
)

// IndicatorResult is one indicator's part of a score.
type IndicatorResult struct {
	ID         string  `json:"id"`
	Value      float64 `json:"value"`    // NaN: no data
	SubScore   float64 `json:"subScore"` // NaN: no data
	Band       string  `json:"band"`
	Weight     float64 `json:"weight"`
	Key        bool    `json:"key"`
	PointsLost float64 `json:"pointsLost"` // NaN: no data, or no weight counts
}

// Result is a composite score with its explanation.
type Result struct {
	Score      float64           `json:"score"` // NaN: no data
	Band       string            `json:"band"`
	CappedBy   string            `json:"cappedBy"` // id of the key indicator that capped the score, or ""
	Indicators []IndicatorResult `json:"indicators"`
}

// Scorer scores the enabled indicators of a profile; it holds no per-call state and is safe for concurrent use.
type Scorer struct {
	worst      bool
	indicators []Indicator // enabled ones, in profile order
	weights    []float64   // their weights
	keys       []bool      // whether each is key
}

// NewScorer keeps the profile's enabled indicators, in order.
func NewScorer(p *Profile) *Scorer {
	s := &Scorer{worst: p.Aggregation == Worst}
	for _, ind := range p.Indicators {
		if ind.Enabled {
			s.indicators = append(s.indicators, ind)
			s.weights = append(s.weights, ind.Weight)
			s.keys = append(s.keys, ind.Key)
		}
	}
	return s
}

// Indicators returns the enabled indicators the scorer uses, in order.
func (s *Scorer) Indicators() []Indicator { return s.indicators }

// SubScores fills subs[i] with the sub-score of values[i] (NaN where there is no data).
func (s *Scorer) SubScores(values, subs []float64) {
	for i, ind := range s.indicators {
		if v := values[i]; HasData(v) {
			subs[i] = SubScore(v, ind.Thresholds(), ind.Higher())
		} else {
			subs[i] = math.NaN()
		}
	}
}

// Combine turns sub-scores (NaN = no data) into the composite score and the index of the capping key
// indicator (-1 when none capped it).
func (s *Scorer) Combine(subs []float64) (score float64, cappedBy int) {
	return CombineScores(s.worst, subs, s.weights, s.keys)
}

// CombineScores combines scores (NaN: no data) by an aggregation: the lowest (worst), or the mean of those with
// a positive weight, weighted and capped by any key item's lower score; NaN when nothing counts. cappedBy is the
// index of the capping key item, -1 when none capped it.
func CombineScores(worst bool, scores, weights []float64, keys []bool) (score float64, cappedBy int) {
	cappedBy = -1
	if worst {
		score = math.NaN()
		for _, sc := range scores {
			if !math.IsNaN(sc) && (math.IsNaN(score) || sc < score) {
				score = sc
			}
		}
		return score, cappedBy
	}
	var sum, total float64
	for i, sc := range scores {
		if w := weights[i]; !math.IsNaN(sc) && w > 0 {
			sum += w * sc
			total += w
		}
	}
	if total == 0 {
		return math.NaN(), cappedBy
	}
	score = sum / total
	for i, sc := range scores {
		if keys[i] && !math.IsNaN(sc) && sc < score {
			score, cappedBy = sc, i
		}
	}
	return score, cappedBy
}

// Evaluate scores one set of values (values[i] belongs to Indicators()[i]) and explains the result.
func (s *Scorer) Evaluate(values []float64) Result {
	subs := make([]float64, len(s.indicators))
	s.SubScores(values, subs)
	score, capped := s.Combine(subs)
	var weights float64
	for i, ind := range s.indicators {
		if !math.IsNaN(subs[i]) && ind.Weight > 0 {
			weights += ind.Weight
		}
	}
	r := Result{Score: score, Band: Band(score), Indicators: make([]IndicatorResult, len(s.indicators))}
	if capped >= 0 {
		r.CappedBy = s.indicators[capped].ID
	}
	for i, ind := range s.indicators {
		ir := IndicatorResult{ID: ind.ID, Value: values[i], SubScore: subs[i], Band: Band(subs[i]),
			Weight: ind.Weight, Key: ind.Key, PointsLost: math.NaN()}
		if !HasData(values[i]) {
			ir.Value = math.NaN()
		}
		if !math.IsNaN(subs[i]) {
			if weights > 0 {
				ir.PointsLost = math.Max(ind.Weight, 0) * (100 - subs[i]) / weights
			}
		}
		r.Indicators[i] = ir
	}
	return r
}
