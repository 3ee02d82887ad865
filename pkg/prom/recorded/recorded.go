// Package recorded records the Prometheus HTTP API answers a test needs, once, from the fixture Prometheus
// (scripts/with-prometheus.sh), and replays them on 127.0.0.1, answering only what was recorded. It is the
// habit of pkg/discovery/recorded for the datasource's handlers: offline their tests run against the replay;
// with the fixture Prometheus they run against it, each answer checked against its recording, so a
// recording never goes stale unnoticed.
//
// A recording is one file per test, testdata/prometheus/<Test>.json (gzipped, .json.gz, when over
// GzipOver bytes): every distinct request the test made and the answer it got, one per line.
package recorded

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/perfscope/perfscope/pkg/internal/jsondiff"
)

// GzipOver is the size above which a recording is written gzipped.
const GzipOver = 32 << 10

// maxBody bounds a request or an answer the recorder reads.
const maxBody = 64 << 20

// Exchange is one recorded request and its answer.
type Exchange struct {
	Method string     `json:"method"`
	Path   string     `json:"path"`
	Form   url.Values `json:"form,omitempty"` // the query string and the form body, as one
	Status int        `json:"status"`
	// ContentType is the answer's, Body its JSON as Prometheus wrote it; an answer that is not JSON is
	// BodyText instead.
	ContentType string          `json:"contentType,omitempty"`
	Body        json.RawMessage `json:"body,omitempty"`
	BodyText    string          `json:"bodyText,omitempty"`
}

// Key is the exchange's request: method, path and its parameters sorted, each value in its order.
func (e *Exchange) Key() string { return e.Method + " " + e.Path + "?" + e.Form.Encode() }

// String names the request for people: the method, the path and each parameter, unescaped.
func (e *Exchange) String() string {
	names := make([]string, 0, len(e.Form))
	for name := range e.Form {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(e.Method + " " + e.Path)
	for _, name := range names {
		for _, v := range e.Form[name] {
			fmt.Fprintf(&b, " %s=%q", name, v)
		}
	}
	return b.String()
}

func (e *Exchange) body() []byte {
	if e.Body != nil {
		return e.Body
	}
	return []byte(e.BodyText)
}

// Recording is one test's exchanges.
type Recording struct {
	Comment   string     `json:"comment"`
	Exchanges []Exchange `json:"exchanges"`
}

const comment = "Prometheus answers recorded from the fixture Prometheus by `scripts/with-prometheus.sh -- go test ./pkg/plugin -run TEST -update` (pkg/prom/recorded); do not edit."

// Load reads stem.json or stem.json.gz. A recording that does not exist is an error that wraps
// os.ErrNotExist.
func Load(stem string) (*Recording, error) {
	raw, err := os.ReadFile(stem + ".json")
	if errors.Is(err, os.ErrNotExist) {
		raw, err = readGzip(stem + ".json.gz")
	}
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no recording %s.json or %s.json.gz: %w", stem, stem, os.ErrNotExist)
		}
		return nil, err
	}
	r := &Recording{}
	if err := json.Unmarshal(raw, r); err != nil {
		return nil, fmt.Errorf("%s: %w", stem, err)
	}
	return r, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path) // #nosec G304 -- a test's own recording
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

// Write writes the recording, its exchanges sorted by request and one per line, to stem.json, or to
// stem.json.gz when it is over GzipOver bytes; the other one goes.
func (r *Recording) Write(stem string) error {
	sorted := slices.Clone(r.Exchanges)
	slices.SortFunc(sorted, func(a, b Exchange) int { return strings.Compare(a.Key(), b.Key()) })
	var buf bytes.Buffer
	head, err := json.Marshal(r.Comment)
	if err != nil {
		return err
	}
	fmt.Fprintf(&buf, "{\"comment\": %s,\n\"exchanges\": [", head)
	for i := range sorted {
		line, err := json.Marshal(&sorted[i])
		if err != nil {
			return err
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n")
		buf.Write(line)
	}
	buf.WriteString("\n]}\n")
	if err := os.MkdirAll(filepath.Dir(stem), 0o750); err != nil {
		return err
	}
	path, other, content := stem+".json", stem+".json.gz", buf.Bytes()
	if buf.Len() > GzipOver {
		path, other = other, path
		var zipped bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&zipped, gzip.BestCompression) // no name, no time: the same bytes each time
		if _, err := zw.Write(content); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		content = zipped.Bytes()
	}
	if err := os.WriteFile(path, content, 0o600); err != nil {
		return err
	}
	if err := os.Remove(other); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// mode is what a Server does with a request.
type mode int

const (
	replay mode = iota // answer from the recording
	record             // forward to the live server, answer its answer and record it
	check              // forward to the live server, answer its answer and compare it with the recording
)

// Server answers a Prometheus HTTP API client (an http.Handler; serve it with httptest on 127.0.0.1).
type Server struct {
	mode     mode
	target   string // the live server's URL (record, check)
	client   *http.Client
	mu       sync.Mutex
	recorded map[string]*Exchange // replay, check
	asked    map[string]bool      // the recorded requests asked
	made     map[string]*Exchange // record: what was asked and answered
	problems []string
}

func index(r *Recording) map[string]*Exchange {
	out := map[string]*Exchange{}
	if r == nil {
		return out
	}
	for i := range r.Exchanges {
		out[r.Exchanges[i].Key()] = &r.Exchanges[i]
	}
	return out
}

// Replay answers each recorded request, as often as it is asked, with its recorded answer; any other
// request gets a Prometheus API error (400, bad_data) naming it, and is one of Problems.
func Replay(r *Recording) *Server {
	return &Server{mode: replay, recorded: index(r), asked: map[string]bool{}}
}

// Record forwards every request to the live server at target, answers its answer and records it.
func Record(target string) *Server {
	return &Server{mode: record, target: strings.TrimSuffix(target, "/"), client: &http.Client{}, made: map[string]*Exchange{}, asked: map[string]bool{}}
}

// Check forwards every request to the live server at target and answers its answer; a request the
// recording does not have, or whose answer differs from the recorded one, is one of Problems.
func Check(r *Recording, target string) *Server {
	return &Server{mode: check, target: strings.TrimSuffix(target, "/"), client: &http.Client{}, recorded: index(r), asked: map[string]bool{}}
}

// request reads a request as an exchange without its answer.
func request(req *http.Request) (*Exchange, []byte, error) {
	body, err := io.ReadAll(io.LimitReader(req.Body, maxBody))
	if err != nil {
		return nil, nil, err
	}
	form := url.Values{}
	for name, vals := range req.URL.Query() {
		form[name] = append(form[name], vals...)
	}
	if strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		posted, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, nil, err
		}
		for name, vals := range posted {
			form[name] = append(form[name], vals...)
		}
	}
	if len(form) == 0 {
		form = nil
	}
	return &Exchange{Method: req.Method, Path: req.URL.Path, Form: form}, body, nil
}

func (s *Server) problemf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.problems = append(s.problems, fmt.Sprintf(format, args...))
}

// ServeHTTP answers one request as the server's mode says.
func (s *Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	ex, body, err := request(req)
	if err != nil {
		s.problemf("%s %s: unreadable request: %v", req.Method, req.URL.Path, err)
		apiError(w, http.StatusBadRequest, err.Error())
		return
	}
	key := ex.Key()
	s.mu.Lock()
	want := s.recorded[key]
	s.asked[key] = true
	s.mu.Unlock()
	if s.mode == replay {
		if want == nil {
			s.problemf("%s", ex)
			apiError(w, http.StatusBadRequest, "not a recorded request: "+ex.String())
			return
		}
		answer(w, want)
		return
	}
	got, err := s.forward(req, ex, body)
	if err != nil {
		if req.Context().Err() == nil { // a request its client gave up on is no problem of the recording
			s.problemf("%s: %v", ex, err)
		}
		apiError(w, http.StatusBadGateway, err.Error())
		return
	}
	switch {
	case s.mode == record:
		s.mu.Lock()
		s.made[key] = got
		s.mu.Unlock()
	case want == nil:
		s.problemf("%s: not recorded", ex)
	default:
		if d := difference(got, want); d != "" {
			s.problemf("%s: the answer differs from the recording: %s", ex, d)
		}
	}
	answer(w, got)
}

// forward sends the request to the live server and reads its answer as an exchange.
func (s *Server) forward(req *http.Request, ex *Exchange, body []byte) (*Exchange, error) {
	u := s.target + req.URL.Path
	if req.URL.RawQuery != "" {
		u += "?" + req.URL.RawQuery
	}
	// The target is the fixture Prometheus the test runner gave (PERFSCOPE_PROMETHEUS_URL).
	out, err := http.NewRequestWithContext(req.Context(), req.Method, u, bytes.NewReader(body)) //nolint:gosec // G704: see above
	if err != nil {
		return nil, err
	}
	for _, h := range []string{"Content-Type", "Accept"} {
		if v := req.Header.Get(h); v != "" {
			out.Header.Set(h, v)
		}
	}
	resp, err := s.client.Do(out) //nolint:gosec // G704: the fixture Prometheus, as above
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, err
	}
	got := *ex
	got.Status, got.ContentType = resp.StatusCode, resp.Header.Get("Content-Type")
	if json.Valid(raw) {
		got.Body = raw
	} else {
		got.BodyText = string(raw)
	}
	return &got, nil
}

func answer(w http.ResponseWriter, e *Exchange) {
	if e.ContentType != "" {
		w.Header().Set("Content-Type", e.ContentType)
	}
	w.WriteHeader(e.Status)
	_, _ = w.Write(e.body()) //nolint:gosec // G705: a recorded Prometheus API answer, to a test's client
}

func apiError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "error", "errorType": "bad_data", "error": msg})
}

// difference is where a live answer differs from the recorded one, or "": the status, and the body as JSON
// with the series of a result in any order (Prometheus does not promise one for an instant vector).
func difference(got, want *Exchange) string {
	if got.Status != want.Status {
		return fmt.Sprintf("status %d, recorded %d", got.Status, want.Status)
	}
	if (got.Body == nil) != (want.Body == nil) || (got.Body == nil && got.BodyText != want.BodyText) {
		return fmt.Sprintf("body %q, recorded %q", got.body(), want.body())
	}
	if got.Body == nil {
		return ""
	}
	var g, w any
	if json.Unmarshal(got.Body, &g) != nil || json.Unmarshal(want.Body, &w) != nil {
		return "a body is not JSON"
	}
	if reflect.DeepEqual(canonical(g), canonical(w)) {
		return ""
	}
	return jsondiff.Difference(g, w, "body")
}

// canonical sorts the series of an answer's data.result by their labels.
func canonical(v any) any {
	answer, ok := v.(map[string]any)
	if !ok {
		return v
	}
	data, ok := answer["data"].(map[string]any)
	if !ok {
		return v
	}
	result, ok := data["result"].([]any)
	if !ok {
		return v
	}
	key := func(s any) string {
		raw, _ := json.Marshal(s.(map[string]any)["metric"])
		return string(raw)
	}
	slices.SortStableFunc(result, func(a, b any) int {
		_, aok := a.(map[string]any)
		_, bok := b.(map[string]any)
		if !aok || !bok {
			return 0
		}
		return strings.Compare(key(a), key(b))
	})
	return v
}

// Problems are the requests a replay or a check did not have recorded and the live answers that differ
// from their recordings, each naming the request.
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.problems)
}

// Unused are the recorded requests nobody asked (replay, check), by name.
func (s *Server) Unused() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for key, e := range s.recorded {
		if !s.asked[key] {
			out = append(out, e.String())
		}
	}
	sort.Strings(out)
	return out
}

// Recording is what a recorder recorded: every distinct request made and its answer.
func (s *Server) Recording() *Recording {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := &Recording{Comment: comment}
	for _, e := range s.made {
		r.Exchanges = append(r.Exchanges, *e)
	}
	return r
}
