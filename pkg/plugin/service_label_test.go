package plugin

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// canned is one series a canned Prometheus answers with: its labels and one value at every timestamp.
type canned struct {
	labels map[string]string
	value  float64
}

// cannedPrometheus answers /api/v1/query and /api/v1/query_range on 127.0.0.1 with the series answer gives
// for the PromQL, each constant over the range asked for.
func cannedPrometheus(t *testing.T, answer func(query string) []canned) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		series := answer(r.Form.Get("query"))
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/query_range") {
			fmt.Fprintf(w, `{"status":"success","data":{"resultType":"matrix","result":%s}}`, matrixJSON(t, r, series))
			return
		}
		at, _ := strconv.ParseFloat(r.Form.Get("time"), 64)
		var out []map[string]any
		for _, s := range series {
			out = append(out, map[string]any{"metric": s.labels, "value": []any{at, formatNumber(s.value)}})
		}
		fmt.Fprintf(w, `{"status":"success","data":{"resultType":"vector","result":%s}}`, mustJSON(t, out))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func matrixJSON(t *testing.T, r *http.Request, series []canned) string {
	t.Helper()
	start, _ := strconv.ParseFloat(r.Form.Get("start"), 64)
	end, _ := strconv.ParseFloat(r.Form.Get("end"), 64)
	step, _ := strconv.ParseFloat(r.Form.Get("step"), 64)
	var out []map[string]any
	for _, s := range series {
		var values [][]any
		for at := start; at <= end && step > 0; at += step {
			values = append(values, []any{at, formatNumber(s.value)})
		}
		out = append(out, map[string]any{"metric": s.labels, "values": values})
	}
	return mustJSON(t, out)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	if v == nil {
		return "[]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func job(name string) map[string]string { return map[string]string{"job": name} }

// jobProfile is the default profile for metrics that name services by job.
func jobProfile() *scoring.Profile {
	p := scoring.DefaultProfile()
	p.ServiceLabel = "job"
	by := strings.NewReplacer("(service", "(job", "service=~", "job=~")
	for i := range p.Indicators {
		p.Indicators[i].Query = by.Replace(p.Indicators[i].Query)
	}
	d, s := &p.Domains, &p.SLA
	d.DomainTimeQuery, d.TotalTimeQuery, d.DomainLatencyQuery = by.Replace(d.DomainTimeQuery), by.Replace(d.TotalTimeQuery), by.Replace(d.DomainLatencyQuery)
	s.ErrorRatioQuery, s.LatencyComplianceQuery = by.Replace(s.ErrorRatioQuery), by.Replace(s.LatencyComplianceQuery)
	return p
}

// Latency and error rate per job; the latency query also returns a series without job and one whose job is
// empty, which are no service at all.
func jobIndicators(q string) []canned {
	switch {
	case strings.Contains(q, "histogram_quantile"):
		return []canned{{job("checkout"), 0.35}, {job("payments"), 0.1},
			{map[string]string{"instance": "host-a:9100"}, 5}, {map[string]string{"job": "", "instance": "host-b:9100"}, 5}}
	case strings.Contains(q, `code=~"5.."`) && !strings.Contains(q, "[1h]"):
		return []canned{{job("checkout"), 0.2}, {job("payments"), 0.05}}
	}
	return nil
}

const latencyLeftOut = `indicators[0].query (latency_p95): 2 series have no "job" label and are left out; aggregate by (job) or set the profile's serviceLabel`

// expectNotices checks the warnings on a response's first frame (where PerfScope puts them) and that no other
// frame repeats them.
func expectNotices(t *testing.T, what string, dr backend.DataResponse, want ...string) {
	t.Helper()
	if dr.Error != nil {
		t.Fatalf("%s: %v", what, dr.Error)
	}
	var got []string
	for i, f := range dr.Frames {
		if f.Meta == nil {
			continue
		}
		for _, n := range f.Meta.Notices {
			if n.Severity == data.NoticeSeverityWarning {
				got = append(got, fmt.Sprintf("%d: %s", i, n.Text))
			}
		}
	}
	var first []string
	for _, w := range want {
		first = append(first, "0: "+w)
	}
	if !slices.Equal(got, first) {
		t.Errorf("%s: warnings\n got %q\nwant %q", what, got, first)
	}
}

// expectNoBlankService fails on any field labelled with an empty service or with the profile's own label.
func expectNoBlankService(t *testing.T, what string, frames data.Frames) {
	t.Helper()
	for _, f := range frames {
		for _, fld := range f.Fields {
			if svc, ok := fld.Labels["service"]; ok && svc == "" {
				t.Errorf("%s: field %q of frame %q is labelled service=\"\"", what, fld.Name, f.Name)
			}
			if _, ok := fld.Labels["job"]; ok {
				t.Errorf("%s: field %q is labelled job: PerfScope's frames call it service", what, fld.Name)
			}
			if fld.Name == "Service" {
				for i := range fld.Len() {
					if fld.At(i) == "" {
						t.Errorf("%s: table %q has a row for service \"\"", what, f.Name)
					}
				}
			}
		}
	}
}

func TestServiceLabelJobScoresJobLabelledSeries(t *testing.T) {
	profile := jobProfile()
	srv := cannedPrometheus(t, jobIndicators)
	p := servePlugin(t, map[string]any{"url": srv.URL, "profile": profile}, nil, time.Time{})
	q := dataQuery("A", map[string]any{"queryType": "health"}, to.Add(-2*time.Minute), to, time.Minute)
	dr := p.query(t, nil, q).Responses["A"]
	expectNotices(t, "health", dr, latencyLeftOut)
	expectNoBlankService(t, "health", dr.Frames)

	scorer := scoring.NewScorer(profile)
	want := map[string]float64{}
	for _, svc := range []string{"checkout", "payments"} {
		var values []float64
		for _, ind := range scorer.Indicators() {
			v := math.NaN()
			for _, s := range jobIndicators(ind.Query) {
				if s.labels["job"] == svc {
					v = s.value
				}
			}
			values = append(values, v)
		}
		want[labelsKey("service", svc)] = scorer.Evaluate(values).Score
		expectNear(t, svc+" health score", lastValue(fieldWith(t, dr.Frames, "Health score", data.Labels{"service": svc})), want[labelsKey("service", svc)])
	}
	services := map[string]bool{}
	for _, row := range rows(t, dr.Frames, "Latest health") {
		services[row["Service"].(string)] = true
	}
	if got := slices.Sorted(maps.Keys(services)); !slices.Equal(got, []string{"checkout", "payments"}) {
		t.Errorf("latest health services %v, want checkout and payments", got)
	}

	// The alert measures never turn the series without job into a number.
	alert := p.query(t, alertHeader, q, dataQuery("B", map[string]any{"queryType": "health", "measure": "subScore"}, to.Add(-2*time.Minute), to, time.Minute))
	expectNumbers(t, "score", alertNumbers(t, "score", alert.Responses["A"]), want)
	expectNotices(t, "score", alert.Responses["A"], latencyLeftOut)
	for _, n := range readNumbers(t, "subScore", alert.Responses["B"]) {
		if svc := n.labels["service"]; svc != "checkout" && svc != "payments" {
			t.Errorf("subScore number %v for a series without job", n.labels)
		}
	}
	expectNotices(t, "subScore", alert.Responses["B"], latencyLeftOut)
}

// A query whose series all lack the label is no data, and says why.
func TestServiceLabelMissingEverywhereIsNoDataWithTheNotice(t *testing.T) {
	srv := cannedPrometheus(t, func(q string) []canned {
		if strings.Contains(q, "histogram_quantile") {
			return []canned{{map[string]string{"service": "checkout"}, 0.3}}
		}
		return nil
	})
	p := servePlugin(t, map[string]any{"url": srv.URL, "profile": jobProfile()}, nil, time.Time{})
	q := dataQuery("A", map[string]any{"queryType": "health"}, to.Add(-2*time.Minute), to, time.Minute)
	one := `indicators[0].query (latency_p95): 1 series has no "job" label and is left out; aggregate by (job) or set the profile's serviceLabel`
	for _, headers := range []map[string]string{nil, alertHeader} {
		dr := p.query(t, headers, q).Responses["A"]
		if len(dr.Frames) != 1 || len(dr.Frames[0].Fields) != 0 {
			t.Fatalf("alert %v: want one no-data frame, got %v", headers != nil, dr.Frames)
		}
		expectNotices(t, "no data", dr, one)
	}
}

// Domain overhead keys by job and domain, the total time by job; each query's series without job are named.
func TestServiceLabelJobInDomainOverhead(t *testing.T) {
	domain := func(svc, d string) map[string]string { return map[string]string{"job": svc, "domain": d} }
	srv := cannedPrometheus(t, func(q string) []canned {
		switch {
		case strings.Contains(q, "domain_duration_seconds_sum"):
			return []canned{{domain("checkout", "db"), 0.02}, {domain("checkout", "cache"), 0.005}, {map[string]string{"domain": "db"}, 1}}
		case strings.Contains(q, "http_request_duration_seconds_sum"):
			return []canned{{job("checkout"), 1}, {map[string]string{"instance": "a"}, 3}, {map[string]string{"instance": "b"}, 3}}
		}
		return nil
	})
	p := servePlugin(t, map[string]any{"url": srv.URL, "profile": jobProfile()}, nil, time.Time{})
	q := dataQuery("A", map[string]any{"queryType": "domainOverhead", "measure": "domain"}, to.Add(-2*time.Minute), to, time.Minute)
	notices := []string{
		`domains.domainTimeQuery: 1 series has no "job" label and is left out; aggregate by (job, domain) or set the profile's serviceLabel`,
		`domains.totalTimeQuery: 2 series have no "job" label and are left out; aggregate by (job) or set the profile's serviceLabel`,
	}
	dr := p.query(t, nil, q).Responses["A"]
	expectNotices(t, "overhead", dr, notices...)
	expectNoBlankService(t, "overhead", dr.Frames)
	alert := p.query(t, alertHeader, q).Responses["A"]
	expectNumbers(t, "domain overhead", alertNumbers(t, "domain overhead", alert), map[string]float64{
		labelsKey("service", "checkout", "domain", "db"):    scoring.ShareOverhead(0.02, 1),
		labelsKey("service", "checkout", "domain", "cache"): scoring.ShareOverhead(0.005, 1),
	})
	expectNotices(t, "overhead alert", alert, notices...)
}

// The SLA runs the error ratio over many windows: a series without job is reported once, not per window.
func TestServiceLabelJobInTheSLA(t *testing.T) {
	profile := jobProfile()
	srv := cannedPrometheus(t, func(q string) []canned {
		if strings.Contains(q, "http_requests_total") {
			return []canned{{job("checkout"), 0.0005}, {map[string]string{"instance": "a"}, 0.5}}
		}
		return []canned{{job("checkout"), 0.97}}
	})
	p := servePlugin(t, map[string]any{"url": srv.URL, "profile": profile}, nil, time.Time{})
	left := `sla.errorRatioQuery: 1 series has no "job" label and is left out; aggregate by (job) or set the profile's serviceLabel`
	for _, measure := range []string{string(models.MeasureBudgetRemaining), string(models.MeasureBurnRate)} {
		q := dataQuery("A", map[string]any{"queryType": "sla", "measure": measure}, from, to, time.Minute)
		alert := p.query(t, alertHeader, q).Responses["A"]
		expectNotices(t, measure, alert, left)
		for _, n := range readNumbers(t, measure, alert) {
			if n.labels["service"] != "checkout" {
				t.Errorf("%s: number %v for a series without job", measure, n.labels)
			}
		}
		if measure == string(models.MeasureBudgetRemaining) {
			expectNumbers(t, measure, alertNumbers(t, measure, alert), map[string]float64{
				labelsKey("service", "checkout"): scoring.BudgetRemaining(0.0005, profile.SLA.Target),
			})
		}
	}
	dr := p.query(t, nil, dataQuery("A", map[string]any{"queryType": "sla"}, from, to, time.Minute)).Responses["A"]
	expectNotices(t, "sla", dr, left)
	expectNoBlankService(t, "sla", dr.Frames)
}

// Breaches are per job too: an MTTR number for checkout only.
func TestServiceLabelJobInMTTR(t *testing.T) {
	srv := cannedPrometheus(t, jobIndicators)
	p := servePlugin(t, map[string]any{"url": srv.URL, "profile": jobProfile()}, nil, time.Time{})
	q := dataQuery("A", map[string]any{"queryType": "mttr", "condition": map[string]any{"kind": "indicator", "indicator": "latency_p95", "band": "info"}},
		from, to, time.Minute)
	alert := p.query(t, alertHeader, q).Responses["A"]
	expectNotices(t, "mttr", alert, latencyLeftOut)
	got := alertNumbers(t, "mttr", alert)
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, []string{labelsKey("service", "checkout"), labelsKey("service", "payments")}) {
		t.Errorf("mttr numbers for %v, want checkout and payments", keys)
	}
	dr := p.query(t, nil, q).Responses["A"]
	expectNotices(t, "mttr", dr, latencyLeftOut)
	expectNoBlankService(t, "mttr", dr.Frames)
}

// Two series of one job are still an error, in the words of the profile's label.
func TestServiceLabelNamesItselfInTheDuplicateError(t *testing.T) {
	srv := cannedPrometheus(t, func(q string) []canned {
		if strings.Contains(q, "histogram_quantile") {
			return []canned{{map[string]string{"job": "checkout", "le": "0.1"}, 1}, {map[string]string{"job": "checkout", "le": "0.2"}, 1}}
		}
		return nil
	})
	p := servePlugin(t, map[string]any{"url": srv.URL, "profile": jobProfile()}, nil, time.Time{})
	resp := p.query(t, nil, dataQuery("A", map[string]any{"queryType": "health"}, from, to, time.Minute))
	expectError(t, resp, "A", `indicator latency_p95: the query returns several series for job "checkout"; aggregate it by job (e.g. sum by (job))`)
}

// The health check counts a query's series without the label as no data, and says so.
func TestCheckHealthNamesSeriesWithoutTheServiceLabel(t *testing.T) {
	srv := cannedPrometheus(t, func(q string) []canned {
		if strings.Contains(q, "histogram_quantile") {
			return []canned{{map[string]string{"service": "checkout"}, 0.3}}
		}
		return []canned{{job("checkout"), 1}}
	})
	p := servePlugin(t, map[string]any{"url": srv.URL, "profile": jobProfile()}, nil, time.Time{})
	res, err := p.tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: p.pluginContext()})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"No data for: Latency p95 (latency_p95)",
		`indicators[0].query (latency_p95): 1 series has no "job" label and is left out; aggregate by (job) or set the profile's serviceLabel.`} {
		if res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, want) {
			t.Errorf("health check %v %q does not say %q", res.Status, res.Message, want)
		}
	}
}

// A profile whose queries name services by job answers, against the fixture Prometheus, exactly what the
// default profile answers by service; a series without job is left out and named.
func TestServiceLabelJobMatchesTheServiceProfile(t *testing.T) {
	f := loadFixture(t)
	profile := scoring.DefaultProfile()
	profile.ServiceLabel = "job"
	byJob := func(q string) string {
		return `sum without (service) (label_replace(` + q + `, "job", "$1", "service", "(.*)"))`
	}
	for i := range profile.Indicators {
		profile.Indicators[i].Query = byJob(profile.Indicators[i].Query)
	}
	profile.Indicators[2].Query += " or vector(50)" // cpu: one series without job
	d, s := &profile.Domains, &profile.SLA
	d.DomainTimeQuery, d.TotalTimeQuery, d.DomainLatencyQuery = byJob(d.DomainTimeQuery), byJob(d.TotalTimeQuery), byJob(d.DomainLatencyQuery)
	s.ErrorRatioQuery, s.LatencyComplianceQuery = byJob(s.ErrorRatioQuery), byJob(s.LatencyComplianceQuery)
	byService, byJobPlugin := f.plugin(t, nil), f.plugin(t, profile)
	var queries []backend.DataQuery
	for _, qt := range []models.QueryType{models.QueryTypeHealth, models.QueryTypeDomainOverhead, models.QueryTypeSLA, models.QueryTypeMTTR} {
		for _, m := range models.Measures[qt] {
			queries = append(queries, f.query(fmt.Sprintf("%s-%s", qt, m), map[string]any{"queryType": qt, "measure": m}))
		}
	}
	want, got := byService.query(t, alertHeader, queries...), byJobPlugin.query(t, alertHeader, queries...)
	cpuLeftOut := `indicators[2].query (cpu): 1 series has no "job" label and is left out; aggregate by (job) or set the profile's serviceLabel`
	for _, q := range queries {
		w := alertNumbers(t, q.RefID, want.Responses[q.RefID])
		if len(w) == 0 {
			t.Fatalf("%s: no numbers by service", q.RefID)
		}
		expectNumbers(t, q.RefID, alertNumbers(t, q.RefID, got.Responses[q.RefID]), w)
		if strings.HasPrefix(q.RefID, string(models.QueryTypeHealth)) || strings.HasPrefix(q.RefID, string(models.QueryTypeMTTR)) {
			expectNotices(t, q.RefID, got.Responses[q.RefID], cpuLeftOut)
		} else {
			expectNotices(t, q.RefID, got.Responses[q.RefID])
		}
	}
}
