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
// caller reports.
func (g grid) align(m model.Matrix, withDomain bool, shift int64) (map[seriesKey][]float64, *seriesKey) {
	out := make(map[seriesKey][]float64, len(m))
	sg := scoring.Grid{Start: g.start, Step: g.step, Length: g.n}
	for _, s := range m {
		k := seriesKey{service: string(s.Metric["service"])}
		if withDomain {
			k.domain = string(s.Metric["domain"])
		}
		if _, dup := out[k]; dup {
			return nil, &k
		}
		ts, vals := make([]int64, len(s.Values)), make([]float64, len(s.Values))
		for i, p := range s.Values {
			ts[i], vals[i] = int64(p.Timestamp)+shift, float64(p.Value)
		}
		out[k] = scoring.AlignSeries(ts, vals, sg)
	}
	return out, nil
}

// alignVector is align for an instant query: one value per key.
func alignVector(v model.Vector, withDomain bool) (map[seriesKey]float64, *seriesKey) {
	out := make(map[seriesKey]float64, len(v))
	for _, s := range v {
		k := seriesKey{service: string(s.Metric["service"])}
		if withDomain {
			k.domain = string(s.Metric["domain"])
		}
		if _, dup := out[k]; dup {
			return nil, &k
		}
		out[k] = float64(s.Value)
	}
	return out, nil
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
