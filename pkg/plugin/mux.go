package plugin

import (
	"context"
	"errors"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/prom"
)

// Result is what a query handler computes, typed by query type (HealthResult, OverheadResult, SLAResult,
// MTTRResult, PromQLResult; Numbers for an alert query; NoData): its Frames are the query's response.
type Result interface {
	Frames() data.Frames
}

// handler answers one query: its result, or the query's error.
type handler func(context.Context, *run) (Result, error)

// queryTypes is the query-type mux: one handler per query type.
var queryTypes = map[models.QueryType]handler{
	models.QueryTypeHealth:         health,
	models.QueryTypeDomainOverhead: domainOverhead,
	models.QueryTypeSLA:            sla,
	models.QueryTypeMTTR:           mttr,
	models.QueryTypePromQL:         promql,
	models.QueryTypeGroup:          group,
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
