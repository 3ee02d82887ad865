package presets

import (
	"maps"
	"slices"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// Choice is what a profile is built from: the service label, and at most one HTTP and one resource preset
// (PresetChoice in src/scoring/presets/profile.ts).
type Choice struct {
	ServiceLabel string
	HTTP         *HTTPPreset
	Resources    *ResourcePreset
	// Buckets are the histogram's bounds as found on the server (in its unit; nil: the preset's defaults), and
	// Spellings how `le` spells them there.
	Buckets   []float64
	Spellings Spellings
}

// Apply is a copy of base (the default profile when nil) whose every query comes from the chosen presets,
// grouped by the chosen service label: the indicators, the SLA's error ratio and latency compliance, and the
// domains' queries. Indicators no preset covers keep their query. applyPresets in profile.ts.
func Apply(c Choice, base *scoring.Profile) *scoring.Profile {
	if base == nil {
		base = scoring.DefaultProfile()
	}
	label := c.ServiceLabel
	queries := map[string]string{}
	var http *HTTPQueries
	if c.HTTP != nil {
		q := NewHTTPQueries(c.HTTP, label, base.SLA.LatencyThreshold, c.Spellings, c.Buckets)
		http = &q
		maps.Copy(queries, q.Indicators.ByID())
	}
	if c.Resources != nil {
		queries["cpu"], queries["memory"] = ResourceQueries(c.Resources, label)
	}
	p := *base
	p.ServiceLabel = label
	p.Indicators = slices.Clone(base.Indicators)
	for i, ind := range p.Indicators {
		if q, ok := queries[ind.ID]; ok {
			p.Indicators[i].Query = q
		}
	}
	p.Domains.Overrides = maps.Clone(base.Domains.Overrides)
	p.Domains.DomainTimeQuery, p.Domains.DomainLatencyQuery = scoring.DomainQueries(label)
	p.SLA.BurnRateTiers = slices.Clone(base.SLA.BurnRateTiers)
	if http != nil {
		p.Domains.TotalTimeQuery = http.TotalTimeQuery
		p.SLA.ErrorRatioQuery, p.SLA.LatencyComplianceQuery = http.ErrorRatioQuery, http.LatencyComplianceQuery
	}
	return &p
}
