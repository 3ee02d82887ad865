package plugin

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/prom"
)

// queryTypes is the query-type mux: one handler per query type.
var queryTypes = map[string]func(context.Context, *run) backend.DataResponse{
	TypeHealth:         health,
	TypeDomainOverhead: domainOverhead,
	TypeSLA:            sla,
	TypeMTTR:           mttr,
	TypePromQL:         promql,
}

// fail turns an error into the query's error response, blaming Prometheus where it is at fault.
func fail(err error) backend.DataResponse {
	if errors.Is(err, prom.ErrInternal) {
		return backend.ErrDataResponseWithSource(backend.StatusInternal, backend.ErrorSourcePlugin, err.Error())
	}
	var perr *prom.Error
	if errors.As(err, &perr) && perr.Downstream {
		return backend.ErrDataResponseWithSource(backend.StatusBadGateway, backend.ErrorSourceDownstream, err.Error())
	}
	return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, err.Error())
}

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
