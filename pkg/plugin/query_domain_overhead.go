package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// OverheadResult is a domainOverhead query's answer: the overhead of each (service, domain) and each
// service's system total, on the query's grid.
type OverheadResult struct {
	domains  map[seriesKey][]float64
	system   map[seriesKey][]float64 // keyed by service only
	settings scoring.Domains
	grid     grid
}

// domainOverhead measures how much each domain adds to each service's request time.
func domainOverhead(ctx context.Context, r *run) (Result, error) {
	o, err := r.computeOverhead(ctx)
	if err != nil {
		return nil, err
	}
	if len(o.domains) == 0 {
		return r.noData("Domain overhead", fmt.Sprintf("no domain returned data for service %q and domain %q", r.q.Service, r.q.Domain)), nil
	}
	if r.alert {
		return o.Numbers(r.q.Measure), nil
	}
	return o, nil
}

func (r *run) computeOverhead(ctx context.Context) (*OverheadResult, error) {
	d := r.d.settings.Profile.Domains
	out := &OverheadResult{domains: map[seriesKey][]float64{}, system: map[seriesKey][]float64{}, settings: d, grid: r.grid}
	var a, b map[seriesKey][]float64
	var err error
	if d.Mode == scoring.ModeBaseline {
		offset, _ := scoring.ParseWindow(d.BaselineOffset) // validated with the settings
		expr := r.expand(d.DomainLatencyQuery, nil)
		err = r.parallel(2, func(i int) (err error) {
			if i == 0 {
				a, err = r.rangeByKey(ctx, source{what: "domain latency", field: fieldDomainLatency, byDomain: true}, expr, 0)
			} else {
				b, err = r.rangeByKey(ctx, source{what: "domain latency " + d.BaselineOffset + " earlier", field: fieldDomainLatency, byDomain: true},
					expr, offset.Milliseconds())
			}
			return err
		})
	} else {
		err = r.parallel(2, func(i int) (err error) {
			if i == 0 {
				a, err = r.rangeByKey(ctx, source{what: "domain time", field: fieldDomainTime, byDomain: true}, r.expand(d.DomainTimeQuery, nil), 0)
			} else {
				b, err = r.rangeByKey(ctx, source{what: "total request time", field: fieldTotalTime}, r.expand(d.TotalTimeQuery, nil), 0)
			}
			return err
		})
	}
	if err != nil {
		return nil, err
	}
	for k, now := range a {
		if !r.keepDomain(k.domain) {
			continue
		}
		var ref []float64
		if d.Mode == scoring.ModeBaseline {
			ref = b[k]
		} else {
			ref = b[seriesKey{service: k.service}]
		}
		vals := nans(r.grid.n)
		for t := range vals {
			if ref == nil {
				break
			}
			if d.Mode == scoring.ModeBaseline {
				vals[t] = scoring.BaselineOverhead(now[t], ref[t])
			} else {
				vals[t] = scoring.ShareOverhead(now[t], ref[t])
			}
		}
		out.domains[k] = vals
	}
	// The system total at each timestamp, summed by scoring as src/scoring sums it.
	byService := map[string]map[string][]float64{}
	for k, vals := range out.domains {
		if byService[k.service] == nil {
			byService[k.service] = map[string][]float64{}
		}
		byService[k.service][k.domain] = vals
	}
	at := map[string]float64{}
	for service, domains := range byService {
		sys := nans(r.grid.n)
		for t := range sys {
			clear(at)
			for domain, vals := range domains {
				at[domain] = vals[t]
			}
			sys[t] = d.Report(at).System.Overhead
		}
		out.system[seriesKey{service: service}] = sys
	}
	return out, nil
}

func overheadConfig(name string, t scoring.Thresholds) *data.FieldConfig {
	return &data.FieldConfig{DisplayNameFromDS: name, Unit: "percent", Decimals: ptr(uint16(2)), Thresholds: valueThresholds(t, false)}
}

// Frames are the dashboard's: every domain's and system total's series, and the latest overhead table with
// each row's band and thresholds.
func (o *OverheadResult) Frames() data.Frames {
	d := o.settings
	services := len(o.system)
	series := newWideFrame("Domain overhead", o.grid)
	var svc, domain, band []string
	var overhead []*float64
	var target, warning, critical []float64
	for _, k := range sortedKeys(o.system) {
		latest := map[string]float64{}
		for _, dk := range sortedKeys(o.domains) {
			if dk.service != k.service {
				continue
			}
			vals, t := o.domains[dk], d.For(dk.domain)
			latest[dk.domain] = last(vals)
			labels := labelsOf(k.service, "domain", dk.domain)
			series.add("Overhead", vals, labels, overheadConfig(perService(dk.domain, k.service, services), t))
		}
		series.add("System overhead", o.system[k], labelsOf(k.service),
			overheadConfig(perService("System total", k.service, services), d.System))
		report := d.Report(latest)
		report.System.Name = "System total"
		for i, dom := range append(report.Domains, report.System) {
			svc, domain = append(svc, k.service), append(domain, dom.Name)
			overhead, band = append(overhead, nullable(dom.Overhead)), append(band, dom.Band)
			t := d.System
			if i < len(report.Domains) {
				t = d.For(dom.Name)
			}
			target, warning, critical = append(target, t.Target), append(warning, t.Warning), append(critical, t.Critical)
		}
	}
	percent := &data.FieldConfig{Unit: "percent", Decimals: ptr(uint16(2))}
	return data.Frames{series.Frame, table("Latest overhead",
		data.NewField("Service", nil, svc), data.NewField("Domain", nil, domain),
		data.NewField("Overhead", nil, overhead).SetConfig(percent),
		data.NewField("Band", nil, band),
		// each row's thresholds: its domain's, or the system's
		data.NewField("Target", nil, target).SetConfig(percent), data.NewField("Warning", nil, warning).SetConfig(percent),
		data.NewField("Critical", nil, critical).SetConfig(percent))}
}

// Numbers are the alert measure at the end of the range: each service's system total, or each of its
// domains' overhead.
func (o *OverheadResult) Numbers(measure models.Measure) Numbers {
	var out Numbers
	if measure == models.MeasureSystem {
		for _, k := range sortedKeys(o.system) {
			out = append(out, Number{"System overhead", last(o.system[k]), labelsOf(k.service), overheadConfig("", o.settings.System)})
		}
		return out
	}
	for _, k := range sortedKeys(o.domains) {
		labels := labelsOf(k.service, "domain", k.domain)
		out = append(out, Number{"Overhead", last(o.domains[k]), labels, overheadConfig("", o.settings.For(k.domain))})
	}
	return out
}
