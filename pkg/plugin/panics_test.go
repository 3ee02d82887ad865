package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/prom"
)

// panickyTransport is a fault in the HTTP client: it panics, naming a secret, when a query contains trigger.
type panickyTransport struct{ trigger, secret string }

func (p panickyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(req.Body)
	req.Body = io.NopCloser(bytes.NewReader(body))
	if form, _ := url.ParseQuery(string(body)); strings.Contains(form.Get("query"), p.trigger) {
		panic("a bug near " + p.secret)
	}
	return http.DefaultTransport.RoundTrip(req)
}

// A panic in an indicator's worker, or in a query another query of the request waits on, is that query's
// error: the other queries answer, nobody waits forever, and the log has it without the secret.
func TestAPanicInAWorkerIsThatQuerysError(t *testing.T) {
	const password = "hunter2-panic"
	srv := brokenPrometheus(t, func(w http.ResponseWriter, _ string) { matrix(w, fmt.Sprintf(`[%d,"1"]`, to.Unix())) })
	jsonData, _ := json.Marshal(map[string]any{"url": srv.URL, "authType": "basic", "basicAuthUser": "grafana"})
	inst, err := NewDatasource(t.Context(), backend.DataSourceInstanceSettings{UID: "panics", JSONData: jsonData,
		DecryptedSecureJSONData: map[string]string{"basicAuthPassword": password}})
	if err != nil {
		t.Fatal(err)
	}
	d := inst.(*Datasource)
	if d.client, err = prom.New(srv.URL, &http.Client{Transport: panickyTransport{"node_cpu_seconds_total", password}}, 6, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	d.client.Redact(password)

	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	start := time.Now()
	health := func(ref string) backend.DataQuery {
		return dataQuery(ref, map[string]any{"queryType": "health"}, from, to, time.Minute)
	}
	// A and B send the same CPU query once: one of them runs it, the other waits on it.
	resp, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{health("A"), health("B"), faultQuery("C", "good")}})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("the request took %s: a query waited on the one that panicked", took)
	}
	for _, ref := range []string{"A", "B"} {
		expectError(t, resp, ref, "internal error in the PerfScope datasource; the plugin log has details")
		if dr := resp.Responses[ref]; dr.Status != backend.StatusInternal {
			t.Errorf("%s: status %d, want %d", ref, dr.Status, backend.StatusInternal)
		}
	}
	expectOK(t, resp, "C")
	text := logs.String()
	if !strings.Contains(text, "query panicked") || !strings.Contains(text, "a bug near [secret]") {
		t.Errorf("the panic is not in the log:\n%s", text)
	}
	if strings.Contains(text, password) {
		t.Error("the log has the secret")
	}
}
