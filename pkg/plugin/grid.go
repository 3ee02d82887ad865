package plugin

import (
	"math"
	"sort"
	"time"

	"github.com/prometheus/common/model"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// grid is a query's timestamps: start + i*step for i < n, in milliseconds.
type grid struct {
	start, step int64
	n           int
}

func (g grid) at(i int) int64 { return g.start + int64(i)*g.step }

// nans is a series of n missing values.
func nans(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// seriesKey is the label values that identify one aligned series (service, and domain where it applies).
type seriesKey struct{ service, domain string }

// align puts each series of m on the grid (scoring.AlignSeries, as src/scoring aligns), keyed by its service
// (and domain) labels, its timestamps moved shift ms later. Two series with the same key are an error the
// caller reports; series without a service are left out and returned for the caller to report.
func (g grid) align(m model.Matrix, kr keyReader, shift int64) (map[seriesKey][]float64, *seriesKey, []model.Fingerprint) {
	sg := scoring.Grid{Start: g.start, Step: g.step, Length: g.n}
	return byKey(m, kr, func(s *model.SampleStream) model.Metric { return s.Metric }, func(s *model.SampleStream) []float64 {
		ts, vals := make([]int64, len(s.Values)), make([]float64, len(s.Values))
		for i, p := range s.Values {
			ts[i], vals[i] = int64(p.Timestamp)+shift, float64(p.Value)
		}
		return scoring.AlignSeries(ts, vals, sg)
	})
}

// alignVector is align for an instant query: one value per key.
func alignVector(v model.Vector, kr keyReader) (map[seriesKey]float64, *seriesKey, []model.Fingerprint) {
	return byKey(v, kr, func(s *model.Sample) model.Metric { return s.Metric }, func(s *model.Sample) float64 { return float64(s.Value) })
}

// byKey keys each series' value by kr: the first key two series share (nil when none), and the series without
// a service, left out.
func byKey[S, V any](series []S, kr keyReader, metric func(S) model.Metric, value func(S) V) (out map[seriesKey]V, dup *seriesKey, unlabelled []model.Fingerprint) {
	out = make(map[seriesKey]V, len(series))
	for _, s := range series {
		k, ok := kr.key(metric(s))
		if !ok {
			unlabelled = append(unlabelled, metric(s).Fingerprint())
			continue
		}
		if _, seen := out[k]; seen {
			return nil, &k, nil
		}
		out[k] = value(s)
	}
	return out, nil, unlabelled
}

func sortedKeys[V any](m map[seriesKey]V) []seriesKey {
	keys := make([]seriesKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].service != keys[j].service {
			return keys[i].service < keys[j].service
		}
		return keys[i].domain < keys[j].domain
	})
	return keys
}

func msDuration(ms int64) time.Duration { return time.Duration(ms) * time.Millisecond }
