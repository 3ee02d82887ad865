package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// The stand-in for /api/ds/query fills the variables as Grafana does and answers in the Prometheus frames.
func TestAnswerDSQueryFillsGrafanasVariables(t *testing.T) {
	var asked []string
	prom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path+" "+r.URL.Query().Get("query")+" step="+r.URL.Query().Get("step"))
		_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"api"},"values":[[1800,"1"],[1860,"2"]]}]}}`))
	}))
	defer prom.Close()
	body := `{"from":"0","to":"3600000","queries":[{"refId":"A","expr":"rate(x[$__rate_interval]) + y[$__interval] + z[$__range]","intervalMs":60000}]}`
	resp, err := answerDSQuery(context.Background(), prom.URL, time.Minute, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if want := "/api/v1/query_range rate(x[240s]) + y[60s] + z[3600s] step=60"; len(asked) != 1 || asked[0] != want {
		t.Errorf("asked %q, want %q", asked, want)
	}
	frames := resp.Responses["A"].Frames
	if len(frames) != 1 || frames[0].Fields[1].Labels["service"] != "api" || frames[0].Fields[1].Len() != 2 {
		t.Fatalf("frames %v", frames)
	}
	if v, _ := frames[0].Fields[1].FloatAt(1); v != 2 {
		t.Errorf("last value %v, want 2", v)
	}
	if _, err := answerDSQuery(context.Background(), prom.URL, time.Minute, []byte(`{"from":"x","to":"1"}`)); err == nil {
		t.Error("a time range that is not one is refused")
	}
}
