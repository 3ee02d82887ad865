package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental/datasourcetest"
)

// plugin is one datasource configuration on the test process's plugin server, served over real gRPC as
// Grafana runs it. The SDK registers its metrics once per process, so every test shares one server and gets
// its own instance through its own settings (uid).
type plugin struct {
	tp       datasourcetest.TestPlugin
	settings backend.DataSourceInstanceSettings
}

var (
	server     datasourcetest.TestPlugin
	serverErr  error
	serverOnce sync.Once
	clocksMu   sync.Mutex
	clocks     = map[string]time.Time{} // uid -> the health check's "now"
	instances  atomic.Int64
)

func freeAddress(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func testFactory(ctx context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	inst, err := NewDatasource(ctx, s)
	clocksMu.Lock()
	defer clocksMu.Unlock()
	if clock, ok := clocks[s.UID]; ok {
		inst.(*Datasource).now = func() time.Time { return clock }
	}
	return inst, err
}

// servePlugin configures a datasource instance; clock, when set, is its health check's "now".
func servePlugin(t testing.TB, jsonData map[string]any, secure map[string]string, clock time.Time) *plugin {
	t.Helper()
	serverOnce.Do(func() {
		server, serverErr = datasourcetest.Manage(testFactory, datasourcetest.ManageOpts{Address: freeAddress(t)})
	})
	if serverErr != nil {
		t.Fatal(serverErr)
	}
	raw, err := json.Marshal(jsonData)
	if err != nil {
		t.Fatal(err)
	}
	uid := fmt.Sprintf("perfscope-%d", instances.Add(1))
	if !clock.IsZero() {
		clocksMu.Lock()
		clocks[uid] = clock
		clocksMu.Unlock()
	}
	return &plugin{tp: server, settings: backend.DataSourceInstanceSettings{
		UID: uid, Name: "PerfScope", Type: ID, JSONData: raw, DecryptedSecureJSONData: secure, Updated: time.Now(),
	}}
}

func (p *plugin) pluginContext() backend.PluginContext {
	return backend.PluginContext{PluginID: ID, OrgID: 1, DataSourceInstanceSettings: &p.settings}
}

func (p *plugin) query(t testing.TB, headers map[string]string, queries ...backend.DataQuery) *backend.QueryDataResponse {
	t.Helper()
	resp, err := p.tp.Client.QueryData(context.Background(), &backend.QueryDataRequest{
		PluginContext: p.pluginContext(), Headers: headers, Queries: queries,
	})
	if err != nil {
		t.Fatalf("QueryData over gRPC: %v", err)
	}
	return resp
}

// dataQuery is a query as Grafana sends it.
func dataQuery(refID string, model map[string]any, from, to time.Time, step time.Duration) backend.DataQuery {
	raw, _ := json.Marshal(model)
	qt, _ := model["queryType"].(string)
	return backend.DataQuery{RefID: refID, QueryType: qt, JSON: raw, Interval: step, MaxDataPoints: 11000,
		TimeRange: backend.TimeRange{From: from, To: to}}
}

// fieldWith finds the value field called name that has all the given labels, in any frame.
func fieldWith(t testing.TB, frames data.Frames, name string, labels data.Labels) *data.Field {
	t.Helper()
	for _, f := range frames {
		for _, fld := range f.Fields {
			if fld.Name != name {
				continue
			}
			match := true
			for k, want := range labels {
				if fld.Labels[k] != want {
					match = false
				}
			}
			if match {
				return fld
			}
		}
	}
	t.Fatalf("no field %q with labels %v", name, labels)
	return nil
}

// lastValue is a field's last value (NaN for null).
func lastValue(v *data.Field) float64 {
	if v.Len() == 0 {
		return math.NaN()
	}
	switch x := v.At(v.Len() - 1).(type) {
	case float64:
		return x
	case *float64:
		if x != nil {
			return *x
		}
	}
	return math.NaN()
}

// rows reads a table frame into maps of column name to value (nullable numbers become NaN). Only tables
// count: the SLA query's time series frame is called SLA too.
func rows(t testing.TB, frames data.Frames, name string) []map[string]any {
	t.Helper()
	for _, f := range frames {
		if f.Name != name || f.Meta == nil || f.Meta.PreferredVisualization != data.VisTypeTable {
			continue
		}
		n, _ := f.RowLen()
		out := make([]map[string]any, n)
		for i := range n {
			out[i] = map[string]any{}
			for _, fld := range f.Fields {
				v := fld.At(i)
				if p, ok := v.(*float64); ok {
					v = math.NaN()
					if p != nil {
						v = *p
					}
				}
				out[i][fld.Name] = v
			}
		}
		return out
	}
	t.Fatalf("no table %q", name)
	return nil
}

// serviceRows are the rows of a table that belong to one service.
func serviceRows(table []map[string]any, service string) []map[string]any {
	var out []map[string]any
	for _, row := range table {
		if row["Service"] == service {
			out = append(out, row)
		}
	}
	return out
}

func near(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

func expectNear(t testing.TB, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %.15g, want %.15g", what, got, want)
	}
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
