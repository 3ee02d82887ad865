package prom

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func getServer(t *testing.T, h http.HandlerFunc, timeout ...time.Duration) *Client {
	t.Helper()
	srv := httptest.NewServer(h) // 127.0.0.1
	t.Cleanup(srv.Close)
	c, err := New(srv.URL+"/prefix", &http.Client{}, 2, append(timeout, 2*time.Second)[0])
	if err != nil {
		t.Fatal(err)
	}
	c.Redact("s3cret-token")
	return c
}

func TestGetSendsTheParametersInOrderAndReturnsTheData(t *testing.T) {
	var got string
	c := getServer(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Method + " " + r.URL.Path + "?" + r.URL.RawQuery
		_, _ = w.Write([]byte(`{"status":"success","data":["a","b"]}`))
	})
	data, err := c.Get(context.Background(), "/api/v1/label/service/values", [][2]string{{"start", "1.5"}, {"match[]", `up{a="b c"}`}})
	if err != nil || string(data) != `["a","b"]` {
		t.Fatalf("%s %v", data, err)
	}
	if want := `GET /prefix/api/v1/label/service/values?start=1.5&match%5B%5D=up%7Ba%3D%22b+c%22%7D`; got != want {
		t.Fatalf("%s, want %s", got, want)
	}
}

func TestGetFailuresAreMessagesWithoutSecrets(t *testing.T) {
	for name, c := range map[string]struct {
		status int
		body   string
		want   string
	}{
		"bad query":       {400, `{"status":"error","errorType":"bad_data","error":"parse error: unexpected end of input"}`, "Prometheus rejected the query: parse error: unexpected end of input"},
		"execution":       {422, `{"status":"error","errorType":"execution","error":"too many samples s3cret-token"}`, "answered with an error: execution (HTTP 422): too many samples [secret]"},
		"not the API":     {502, `<html>bad gateway s3cret-token</html>`, "answered with an error: HTTP 502, not a Prometheus API answer: <html>bad gateway [secret]</html>"},
		"refused":         {401, `Unauthorized`, "answered with an error: HTTP 401, not a Prometheus API answer: Unauthorized"},
		"success, no API": {200, `{"data": 1}`, "HTTP 200, not a Prometheus API answer"},
	} {
		cl := getServer(t, func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(c.status)
			_, _ = w.Write([]byte(c.body))
		})
		_, err := cl.Get(context.Background(), "/api/v1/query", [][2]string{{"query", "up"}})
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}

func TestGetIsBounded(t *testing.T) {
	c := getServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("query") == "slow" {
			time.Sleep(time.Second)
		}
		_, _ = w.Write([]byte(`{"status":"success","data":"`))
		_, _ = w.Write([]byte(strings.Repeat("x", MaxAnswerBytes)))
		_, _ = w.Write([]byte(`"}`))
	}, 300*time.Millisecond)
	if _, err := c.Get(context.Background(), "/api/v1/query", [][2]string{{"query", "up"}}); err == nil || !strings.Contains(err.Error(), "more than 16 MiB") {
		t.Errorf("large: %v", err)
	}
	if _, err := c.Get(context.Background(), "/api/v1/query", [][2]string{{"query", "slow"}}); err == nil || !strings.Contains(err.Error(), "did not answer within 300ms") {
		t.Errorf("slow: %v", err)
	}
	for _, path := range []string{"/api/v1/admin/tsdb/delete_series", "/api/v1/label/a/values/../../x", "/api/v1/label/../values", "/api/v1/query_range", "https://elsewhere/api/v1/query"} {
		if _, err := c.Get(context.Background(), path, nil); err == nil || !strings.Contains(err.Error(), "is not an API path PerfScope reads") {
			t.Errorf("%s: %v", path, err)
		}
	}
}
