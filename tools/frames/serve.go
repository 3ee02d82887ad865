package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// dsQuery is the body of Grafana's POST /api/ds/query as the app's pages send it (src/pages/shared/queries.ts).
type dsQuery struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Queries []struct {
		target
		IntervalMs int64 `json:"intervalMs"`
	} `json:"queries"`
}

// grafanaRateInterval fills $__rate_interval as Grafana does: max(step + scrape interval, 4 x scrape interval).
func grafanaRateInterval(step, scrape time.Duration) time.Duration {
	return max(step+scrape, 4*scrape)
}

// answerDSQuery answers one /api/ds/query body from the Prometheus at base, each query as Grafana's Prometheus
// datasource answers it (prometheusFrames), with $__rate_interval, $__interval and $__range filled in.
func answerDSQuery(ctx context.Context, base string, scrape time.Duration, body []byte) (*backend.QueryDataResponse, error) {
	var q dsQuery
	if err := json.Unmarshal(body, &q); err != nil {
		return nil, fmt.Errorf("the request body: %v", err)
	}
	fromMs, err1 := strconv.ParseInt(q.From, 10, 64)
	toMs, err2 := strconv.ParseInt(q.To, 10, 64)
	if err1 != nil || err2 != nil || toMs < fromMs {
		return nil, fmt.Errorf("from %q and to %q are not a time range in milliseconds", q.From, q.To)
	}
	from, to := time.UnixMilli(fromMs), time.UnixMilli(toMs)
	answers := make([]backend.DataResponse, len(q.Queries))
	var wg sync.WaitGroup
	for i, t := range q.Queries { // at once, as Grafana's Prometheus datasource runs a request's queries
		wg.Add(1)
		go func() {
			defer wg.Done()
			step := time.Duration(max(t.IntervalMs, 1000)) * time.Millisecond
			t.Expr = strings.NewReplacer(
				"$__rate_interval", promDuration(grafanaRateInterval(step, scrape)),
				"$__interval", promDuration(step),
				"$__range", promDuration(to.Sub(from)),
			).Replace(t.Expr)
			answers[i] = answerOne(ctx, base, t.target, from, to, step)
		}()
	}
	wg.Wait()
	resp := backend.NewQueryDataResponse()
	for i, t := range q.Queries {
		resp.Responses[t.RefID] = answers[i]
	}
	return resp, nil
}

func answerOne(ctx context.Context, base string, t target, from, to time.Time, step time.Duration) backend.DataResponse {
	r, err := queryPrometheus(ctx, base, t, from, to, step)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, err.Error())
	}
	frames, err := prometheusFrames(r, t, step)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
	return backend.DataResponse{Frames: frames}
}

// promDuration writes a duration in whole seconds as Prometheus reads it ("240s").
func promDuration(d time.Duration) string { return strconv.FormatInt(int64(d.Seconds()), 10) + "s" }

// serve stands in for Grafana's /api/ds/query on 127.0.0.1 (any free port) in front of the Prometheus at base,
// for the Overview benchmark (npm run bench:overview), until ctx ends; it prints its URL first.
func serve(ctx context.Context, base string, scrape time.Duration, out io.Writer) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/ds/query" {
			http.Error(w, "only POST /api/ds/query", http.StatusNotFound)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		qctx, cancel := context.WithTimeout(r.Context(), time.Minute)
		defer cancel()
		resp, err := answerDSQuery(qctx, base, scrape, body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
	})}
	fmt.Fprintf(out, "frames serve: http://%s\n", l.Addr())
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}
