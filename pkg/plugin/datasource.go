// Package plugin is PerfScope's backend datasource: the handlers Grafana calls over gRPC.
package plugin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/prom"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// ID is the datasource plugin id, as in src/datasource/plugin.json.
const ID = "perfscope-health-datasource"

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// Datasource is one configured PerfScope datasource instance.
type Datasource struct {
	settings    *models.Settings
	settingsErr error // bad settings: every query and the health check report it
	client      *prom.Client
	shared      *prom.Shared // alert queries' answers, shared across requests
	httpClient  *http.Client
	scorer      *scoring.Scorer
	resources   backend.CallResourceHandler
	now         func() time.Time // the health check's clock
}

// NewDatasource creates an instance from the settings Grafana sends. Bad settings do not fail here: they are
// reported, naming the field, by every query and by the health check.
func NewDatasource(ctx context.Context, s backend.DataSourceInstanceSettings) (inst instancemgmt.Instance, _ error) {
	d := &Datasource{now: time.Now}
	defer func() {
		if p := recover(); p != nil { // e.g. the SDK's HTTP settings parser on a field of the wrong type
			log.DefaultLogger.Error("reading the datasource settings panicked", "panic", fmt.Sprint(p))
			d.settingsErr = errors.New("datasource settings: a field has the wrong type; re-save the settings")
			inst = d
		}
	}()
	d.resources = newResources(d)
	d.settings, d.settingsErr = models.LoadSettings(s)
	if d.settingsErr != nil {
		return d, nil
	}
	d.scorer = scoring.NewScorer(d.settings.Profile)
	opts, err := d.settings.HTTPOptions(ctx, s)
	if err == nil {
		d.httpClient, err = httpclient.New(opts)
	}
	if err == nil {
		d.client, err = prom.New(d.settings.URL, d.httpClient, d.settings.MaxConcurrent, d.settings.Timeout)
	}
	if err != nil {
		d.settingsErr = fmt.Errorf("datasource settings: %w", err)
		return d, nil
	}
	d.shared = prom.NewShared()
	for _, secret := range s.DecryptedSecureJSONData {
		d.client.Redact(secret)
	}
	if d.settings.AuthType == models.AuthBasic {
		d.client.RedactBasicAuth(d.settings.BasicAuthUser, s.DecryptedSecureJSONData["basicAuthPassword"])
	}
	return d, nil
}

// Dispose releases the instance's connections when its settings change.
func (d *Datasource) Dispose() {
	if d.httpClient != nil {
		d.httpClient.CloseIdleConnections()
	}
}

// budget bounds what one request reads from Prometheus (its settings' Max answer size and Max series).
func (d *Datasource) budget(ctx context.Context) context.Context {
	return prom.WithBudget(ctx, prom.NewBudget(prom.Limits{AnswerBytes: d.settings.AnswerBytes, Series: d.settings.Series}))
}

// fromAlert reports whether Grafana alerting sent the request.
func fromAlert(headers map[string]string) bool {
	for k, v := range headers {
		if strings.EqualFold(strings.TrimPrefix(k, "http_"), backend.FromAlertHeaderName) && v == "true" {
			return true
		}
	}
	return false
}

// QueryData answers every query of the request concurrently; one query's failure never fails the others, and
// identical PromQL across the request's queries is sent once (across alert requests of one evaluation too).
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	if d.settingsErr != nil {
		for _, q := range req.Queries {
			resp.Responses[q.RefID] = backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, d.settingsErr.Error())
		}
		return resp, nil
	}
	ctx = d.budget(ctx)
	batch := d.client.NewBatch()
	alert := fromAlert(req.Headers)
	if alert {
		// A group's rules are evaluated at one instant and often ask for the same PromQL: fetch it once.
		batch.Share(d.shared)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, q := range req.Queries {
		wg.Go(func() {
			dr := d.query(ctx, batch, q, alert)
			mu.Lock()
			resp.Responses[q.RefID] = dr
			mu.Unlock()
		})
	}
	wg.Wait()
	return resp, nil
}

// query runs one query through the query-type mux (mux.go): its handler's result becomes the response's frames,
// its error the response's error. A panic becomes that query's error, never the plugin's.
func (d *Datasource) query(ctx context.Context, batch *prom.Batch, dq backend.DataQuery, alert bool) (dr backend.DataResponse) {
	defer func() {
		if p := recover(); p != nil {
			dr = fail(d.panicked(p, "refId", dq.RefID, "queryType", dq.QueryType))
		}
	}()
	r, err := newRun(d, batch, dq, alert)
	if err != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, err.Error())
	}
	handle, ok := queryTypes[r.q.QueryType]
	if !ok {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream,
			fmt.Sprintf("queryType: %q is not one of %s", r.q.QueryType, models.QueryTypeNames()))
	}
	if result, err := handle(ctx, r); err != nil {
		dr = fail(err)
	} else {
		dr = backend.DataResponse{Frames: result.Frames()}
	}
	r.noteUnlabelled(&dr)
	return dr
}

// panicked logs a panic of a query's code with its stack, secrets scrubbed, and returns the query's error.
func (d *Datasource) panicked(p any, args ...any) error {
	msg, stack := fmt.Sprint(p), string(debug.Stack())
	if d.client != nil {
		msg, stack = d.client.Scrub(msg), d.client.Scrub(stack)
	}
	log.DefaultLogger.Error("query panicked", append(args, "panic", msg, "stack", stack)...)
	return prom.ErrInternal
}

// CallResource serves the resource endpoints (see resources.go).
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	return d.resources.CallResource(ctx, req, sender)
}
