// Package recorded replays the discovery recordings of testdata/discovery (written by `npm run
// record:discovery` from the TypeScript discovery against the fixture servers): in process as a discovery.API,
// or over HTTP as a Prometheus-compatible server on 127.0.0.1, answering only what was recorded.
package recorded

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/perfscope/perfscope/pkg/discovery"
)

// Recording is one testdata/discovery/<name>.json (src/discovery/vectors/recording.ts).
type Recording struct {
	Name    string  `json:"-"`
	Fixture string  `json:"fixture"`
	At      float64 `json:"at"` // ms
	Options struct {
		ServiceLabel string          `json:"serviceLabel"`
		Base         json.RawMessage `json:"base"`
		Lookback     float64         `json:"lookback"`
	} `json:"options"`
	Requests []Request      `json:"requests"`
	Expected map[string]any `json:"expected"`
}

// Request is one recorded request and the data of its answer.
type Request struct {
	Path   string            `json:"path"`
	Params []discovery.Param `json:"params"`
	Data   json.RawMessage   `json:"data"`
}

// Dir is testdata/discovery from a package directory two levels below the repository (pkg/<name>).
func Dir(fromPackage string) string {
	return filepath.Join(fromPackage, "..", "..", "testdata", "discovery")
}

// Load reads every recording of dir, sorted by name.
func Load(dir string) ([]*Recording, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []*Recording
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		r := &Recording{Name: strings.TrimSuffix(filepath.Base(f), ".json")}
		if err := json.Unmarshal(raw, r); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Key is a request's identity: its path and parameters, in order.
func Key(path string, params []discovery.Param) string {
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = url.QueryEscape(p[0]) + "=" + url.QueryEscape(p[1])
	}
	return path + "?" + strings.Join(parts, "&")
}

// Replay answers from a recording, in any order, each recorded request once.
type Replay struct {
	mu         sync.Mutex
	answers    map[string][]json.RawMessage
	order      []string
	unexpected []string
	key        func(path string, params []discovery.Param) string
}

// NewReplay replays the requests; key identifies a request (Key when nil).
func NewReplay(requests []Request, key func(string, []discovery.Param) string) *Replay {
	if key == nil {
		key = Key
	}
	r := &Replay{answers: map[string][]json.RawMessage{}, key: key}
	for _, q := range requests {
		k := key(q.Path, q.Params)
		if _, seen := r.answers[k]; !seen {
			r.order = append(r.order, k)
		}
		r.answers[k] = append(r.answers[k], q.Data)
	}
	return r
}

// Get answers a recorded request; any other fails, naming it.
func (r *Replay) Get(_ context.Context, path string, params []discovery.Param) (json.RawMessage, error) {
	k := r.key(path, params)
	r.mu.Lock()
	defer r.mu.Unlock()
	left := r.answers[k]
	if len(left) == 0 {
		r.unexpected = append(r.unexpected, k)
		return nil, fmt.Errorf("not a recorded request: GET %s", k)
	}
	r.answers[k] = left[1:]
	return left[0], nil
}

// Unexpected is every request made that was not recorded (or was asked more often than recorded).
func (r *Replay) Unexpected() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.unexpected)
}

// Unused is every recorded request that was not asked.
func (r *Replay) Unused() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, k := range r.order {
		for range r.answers[k] {
			out = append(out, k)
		}
	}
	return out
}

// canonical is a request's identity over HTTP, where parameter order is not kept: path and sorted parameters.
func canonical(path string, params []discovery.Param) string {
	sorted := slices.Clone(params)
	slices.SortStableFunc(sorted, func(a, b discovery.Param) int { return strings.Compare(a[0], b[0]) })
	return Key(path, sorted)
}

// Handler serves a recording as a Prometheus-compatible API: a recorded GET gets its recorded data, anything
// else a 400 naming it (and counts as unexpected).
func (r *Replay) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var params []discovery.Param
		for name, values := range req.URL.Query() {
			for _, v := range values {
				params = append(params, discovery.Param{name, v})
			}
		}
		w.Header().Set("Content-Type", "application/json")
		var data json.RawMessage
		var err error
		if req.Method != http.MethodGet {
			err = fmt.Errorf("not a recorded request: %s %s", req.Method, req.URL.Path)
		} else {
			data, err = r.Get(req.Context(), req.URL.Path, params)
		}
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"status": "error", "errorType": "bad_data", "error": err.Error()})
			return
		}
		_, _ = fmt.Fprintf(w, `{"status":"success","data":%s}`, data)
	})
}

// NewHTTPReplay replays requests over HTTP (see Handler), whatever the order of their parameters.
func NewHTTPReplay(requests []Request) *Replay { return NewReplay(requests, canonical) }
