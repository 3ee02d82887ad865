package scoring

import (
	"maps"
	"math"
	"slices"
)

// Domain overhead modes.
const (
	ModeShare    = "share"
	ModeBaseline = "baseline"
)

// ShareOverhead is 100 x time spent in the domain / total request time; NaN (no data) without a positive total.
func ShareOverhead(domainTime, totalTime float64) float64 {
	if !HasData(domainTime) || !HasData(totalTime) || totalTime <= 0 {
		return math.NaN()
	}
	return 100 * domainTime / totalTime
}

// BaselineOverhead is 100 x (latency now - latency at the baseline) / latency at the baseline; NaN (no data)
// without a positive baseline.
func BaselineOverhead(now, baseline float64) float64 {
	if !HasData(now) || !HasData(baseline) || baseline <= 0 {
		return math.NaN()
	}
	return 100 * (now - baseline) / baseline
}

// DomainOverhead is one domain's overhead, banded with its own thresholds.
type DomainOverhead struct {
	Name     string  `json:"name"`
	Overhead float64 `json:"overhead"` // percent; NaN: no data
	SubScore float64 `json:"subScore"`
	Band     string  `json:"band"`
}

// OverheadReport is every domain's overhead (sorted by name) and the system total.
type OverheadReport struct {
	Domains []DomainOverhead `json:"domains"`
	System  DomainOverhead   `json:"system"` // the sum over the domains, banded with the system thresholds; NaN when one has no data
}

func banded(name string, overhead float64, t Thresholds) DomainOverhead {
	d := DomainOverhead{Name: name, Overhead: math.NaN(), SubScore: math.NaN(), Band: BandNoData}
	if HasData(overhead) {
		d.Overhead, d.SubScore = overhead, SubScore(overhead, t, false)
		d.Band = Band(d.SubScore)
	}
	return d
}

// Report bands each domain's overhead (percent) and sums the system total (SystemOverhead). A domain without
// data would count as no overhead at all, so the total is unknown then (NaN), never healthy.
func (d Domains) Report(overheads map[string]float64) OverheadReport {
	r := OverheadReport{Domains: []DomainOverhead{}}
	values := make([]float64, 0, len(overheads))
	for _, name := range slices.Sorted(maps.Keys(overheads)) {
		dom := banded(name, overheads[name], d.For(name))
		values = append(values, dom.Overhead)
		r.Domains = append(r.Domains, dom)
	}
	r.System = banded("system", SystemOverhead(values), d.System)
	return r
}

// SystemOverhead is the system total: the domains' overheads summed in the order given (Report's: by domain
// name, so that every caller adds them alike); NaN when one has no data or there is none. As systemOverhead in
// src/scoring/overhead.ts.
func SystemOverhead(overheads []float64) float64 {
	if len(overheads) == 0 {
		return math.NaN()
	}
	total := 0.0
	for _, v := range overheads {
		if !HasData(v) {
			return math.NaN()
		}
		total += v
	}
	return total
}
