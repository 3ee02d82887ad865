package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/plugin"
)

// recordPerfScope asks PerfScope's backend datasource, configured with the default profile against the fixture
// Prometheus, the recording's queries: the frames its panels receive from it.
func recordPerfScope(ctx context.Context, base string, rec recording, from, to time.Time) (*backend.QueryDataResponse, error) {
	jsonData, err := json.Marshal(map[string]any{"url": base, "scrapeInterval": "15s"})
	if err != nil {
		return nil, err
	}
	settings := backend.DataSourceInstanceSettings{UID: "perfscope-health", Name: "PerfScope", Type: plugin.ID, JSONData: jsonData}
	inst, err := plugin.NewDatasource(ctx, settings)
	if err != nil {
		return nil, err
	}
	ds := inst.(*plugin.Datasource)
	defer ds.Dispose()
	req := &backend.QueryDataRequest{PluginContext: backend.PluginContext{DataSourceInstanceSettings: &settings}}
	for _, t := range rec.Queries {
		model, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		req.Queries = append(req.Queries, backend.DataQuery{
			RefID: t.RefID, QueryType: t.QueryType, JSON: model, Interval: rec.Step,
			MaxDataPoints: int64(rec.Range / rec.Step), TimeRange: backend.TimeRange{From: from, To: to},
		})
	}
	resp, err := ds.QueryData(ctx, req)
	if err != nil {
		return nil, err
	}
	for refID, r := range resp.Responses {
		if r.Error != nil {
			return nil, fmt.Errorf("refId %s: %v", refID, r.Error)
		}
	}
	return resp, nil
}
