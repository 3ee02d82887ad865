package plugin

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/prometheus/common/model"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/prom"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// run is one query being answered: the parsed model, its time grid and the request's deduplicating client.
type run struct {
	d      *Datasource
	batch  *prom.Batch
	q      models.Query
	rng    prom.Range
	grid   grid
	alert  bool
	vars   map[string]string // template variables shared by every expression of the query
	refID  string
	scorer *scoring.Scorer
	// keepDomain tells the domains the query asks for: matching domain and not excludeDomain. Checked here
	// too, so a profile query without $domain still answers for the chosen domains only.
	keepDomain func(domain string) bool
	// unlabelled are the series left out for want of the profile's service label, for the response's notices.
	unlabelled unlabelledSeries
}

func newRun(d *Datasource, batch *prom.Batch, dq backend.DataQuery, alert bool) (*run, error) {
	q, err := models.ParseQuery(dq.JSON, dq.QueryType)
	if err != nil {
		return nil, err
	}
	step := dq.Interval
	if step <= 0 && dq.MaxDataPoints > 0 {
		step = dq.TimeRange.Duration() / time.Duration(dq.MaxDataPoints)
	}
	step = max(step.Truncate(time.Millisecond), time.Second)
	from, to := dq.TimeRange.From, dq.TimeRange.To
	if !to.After(from) {
		return nil, fmt.Errorf("time range: %s to %s is empty", from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339))
	}
	// Align to the step, as Grafana's Prometheus datasource does, so refreshes hit the same samples.
	start := time.UnixMilli(from.UnixMilli() / step.Milliseconds() * step.Milliseconds())
	end := time.UnixMilli(to.UnixMilli() / step.Milliseconds() * step.Milliseconds())
	n := int(end.Sub(start)/step) + 1
	if n > prom.MaxPoints {
		return nil, fmt.Errorf("time range: %s at a %s step is %d points; at most %d are allowed: widen the interval or narrow the range",
			end.Sub(start), step, n, prom.MaxPoints)
	}
	rate := max(4*d.settings.ScrapeInterval, step+d.settings.ScrapeInterval)
	if q.RateInterval != "" {
		rate, _ = scoring.ParseWindow(q.RateInterval)
	}
	r := &run{d: d, batch: batch, q: q, alert: alert, refID: dq.RefID, scorer: d.scorer,
		rng:        prom.Range{Start: start, End: end, Step: step},
		grid:       grid{start: start.UnixMilli(), step: step.Milliseconds(), n: n},
		keepDomain: q.DomainFilter(),
	}
	r.vars = map[string]string{
		"__rate_interval": formatDuration(rate),
		"__range":         formatDuration(to.Sub(from).Truncate(time.Second)),
		"service":         scoring.EscapeForString(q.Service),
		"domain":          scoring.EscapeForString(q.Domain),
	}
	return r, nil
}

// formatDuration writes a duration the way PromQL reads it ("5m", "1h30m", "1500ms").
func formatDuration(d time.Duration) string { return model.Duration(d).String() }

// formatNumber writes a number the way Prometheus writes label values such as le="0.2".
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// parallel runs fn(i) for i < n at once (the client's pool bounds what reaches Prometheus) and returns the
// first error in index order. A panic in fn becomes its error.
func (r *run) parallel(n int, fn func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					errs[i] = r.d.panicked(p, "refId", r.refID, "queryType", r.q.QueryType)
				}
			}()
			errs[i] = fn(i)
		})
	}
	wg.Wait()
	return errors.Join(firstNonNil(errs))
}

func firstNonNil(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// rangeByKey runs a range query and aligns its series on the query's grid by service (and domain).
func (r *run) rangeByKey(ctx context.Context, src source, expr string, shift int64) (map[seriesKey][]float64, error) {
	m, err := r.batch.QueryRange(ctx, expr, r.rangeShifted(shift))
	if err != nil {
		return nil, wrap(src.what, err)
	}
	kr := r.keys(src)
	byKey, dup, unlabelled := r.grid.align(m, kr, shift)
	if dup != nil {
		return nil, duplicateSeries(src.what, *dup, kr)
	}
	r.unlabelled.add(src.field, kr.groupBy(), unlabelled)
	return byKey, nil
}

func (r *run) rangeShifted(shiftMs int64) prom.Range {
	rng := r.rng
	if shiftMs != 0 {
		d := msDuration(shiftMs)
		rng.Start, rng.End = rng.Start.Add(-d), rng.End.Add(-d)
	}
	return rng
}

// instantByKey runs an instant query at the end of the range, keyed by service (and domain).
func (r *run) instantByKey(ctx context.Context, src source, expr string) (map[seriesKey]float64, error) {
	v, err := r.batch.Query(ctx, expr, r.rng.End)
	if err != nil {
		return nil, wrap(src.what, err)
	}
	kr := r.keys(src)
	byKey, dup, unlabelled := alignVector(v, kr)
	if dup != nil {
		return nil, duplicateSeries(src.what, *dup, kr)
	}
	r.unlabelled.add(src.field, kr.groupBy(), unlabelled)
	return byKey, nil
}

func duplicateSeries(what string, k seriesKey, kr keyReader) error {
	by := string(kr.label)
	if kr.byDomain {
		by += " and domain"
	}
	return fmt.Errorf("%s: the query returns several series for %s %q; aggregate it by %s (e.g. sum by (%s))",
		what, kr.label, k.service, by, kr.groupBy())
}

// wrap names what failed, keeping the error's kind for fail.
func wrap(what string, err error) error {
	var perr *prom.Error
	if errors.As(err, &perr) {
		return &prom.Error{Msg: what + ": " + perr.Msg, Downstream: perr.Downstream, Err: err}
	}
	return fmt.Errorf("%s: %w", what, err)
}
