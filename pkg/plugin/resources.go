package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/perfscope/perfscope/pkg/discovery"
	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/presets"
	"github.com/perfscope/perfscope/pkg/prom"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// maxProfileBytes bounds a profile sent for validation, and a discovery request (which may carry one).
const maxProfileBytes = 1 << 20

// DiscoveryBudget is how many requests one discovery may send to Prometheus: about 20 recognise the presets
// and measure the default profile, and each indicator without data costs a few more to explain.
const DiscoveryBudget = 200

// newResources serves /api/plugins/perfscope-health-datasource/resources/{profile/validate,presets,discover}.
func newResources(d *Datasource) backend.CallResourceHandler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /profile/validate", d.validateProfile)
	mux.HandleFunc("GET /presets", servePresets)
	mux.HandleFunc("POST /discover", d.discover)
	return httpadapter.New(mux)
}

// servePresets answers the preset catalogue, src/scoring/presets/catalogue.json as it is.
func servePresets(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(presets.CatalogueJSON())
}

// ValidationResult is the answer of POST /profile/validate.
type ValidationResult struct {
	Valid    bool              `json:"valid"`
	Problems []scoring.Problem `json:"problems"`
	// PromQLChecked tells whether the configured Prometheus checked the queries' syntax; when it could not
	// be asked, PromQLError says why and only the structure was validated.
	PromQLChecked bool   `json:"promqlChecked"`
	PromQLError   string `json:"promqlError,omitempty"`
}

// validateProfile reports every problem of the profile in the body, each naming its field path, with the same
// messages as the TypeScript validator; the configured Prometheus checks the PromQL syntax.
func (d *Datasource) validateProfile(w http.ResponseWriter, req *http.Request) {
	body, err := readBody(req)
	if err != nil || len(body) > maxProfileBytes {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": "the profile must be a JSON document of at most 1 MiB"})
		return
	}
	parsed := scoring.ParseProfile(body)
	res := ValidationResult{}
	if d.client == nil {
		res.PromQLError = "the datasource settings are not valid, so Prometheus could not check the PromQL"
	} else if err := parsed.CheckQueries(req.Context(), d.client.CheckSyntax); err != nil {
		res.PromQLError = err.Error()
	} else {
		res.PromQLChecked = true
	}
	res.Problems = parsed.Problems
	if res.Problems == nil {
		res.Problems = []scoring.Problem{}
	}
	res.Valid = len(res.Problems) == 0
	writeJSON(w, http.StatusOK, res)
}

// DiscoverError is the answer of POST /discover when it has no Discovery: what was wrong, and for a bad
// profile every problem with its field path.
type DiscoverError struct {
	Message  string            `json:"message"`
	Problems []scoring.Problem `json:"problems,omitempty"`
}

// discoverOptions reads the body of POST /discover: {"serviceLabel"?: string, "profile"?: <base profile>,
// "at"?: Unix seconds}. Every problem names its field. Without a profile, the datasource's own is the base.
func (d *Datasource) discoverOptions(body []byte) (discovery.Options, *DiscoverError) {
	o := discovery.Options{At: float64(d.now().UnixMilli()), Base: d.settings.Profile}
	if strings.TrimSpace(string(body)) == "" {
		return o, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return o, &DiscoverError{Message: "the body must be a JSON object such as {\"serviceLabel\": \"job\"}: " + models.DescribeJSONError(err)}
	}
	for name, raw := range fields {
		if string(raw) == "null" {
			continue
		}
		switch name {
		case "serviceLabel":
			if json.Unmarshal(raw, &o.ServiceLabel) != nil {
				return o, &DiscoverError{Message: "serviceLabel must be a string"}
			}
			if !scoring.IsLabelName(o.ServiceLabel) {
				return o, &DiscoverError{Message: fmt.Sprintf("serviceLabel must be a Prometheus label name (not starting with __), not %q", o.ServiceLabel)}
			}
		case "at":
			var at float64
			if json.Unmarshal(raw, &at) != nil || math.IsNaN(at) || at <= 0 || at > 1e11 {
				return o, &DiscoverError{Message: "at must be a time in Unix seconds, such as 1769817600"}
			}
			o.At = at * 1000
		case "profile":
			parsed := scoring.ParseProfile(raw)
			if len(parsed.Problems) > 0 {
				return o, &DiscoverError{Message: fmt.Sprintf("profile: %s", parsed.Problems[0].Message), Problems: parsed.Problems}
			}
			o.Base = parsed.Profile
		default:
			return o, &DiscoverError{Message: fmt.Sprintf("%q is not a field of a discovery request (serviceLabel, profile, at)", name)}
		}
	}
	return o, nil
}

// budgeted is the datasource's Prometheus client as discovery's API, refusing requests past a budget.
type budgeted struct {
	client *prom.Client
	left   atomic.Int64
}

var errBudget = errors.New("over budget")

func (b *budgeted) Get(ctx context.Context, path string, params []discovery.Param) (json.RawMessage, error) {
	if b.left.Add(-1) < 0 {
		return nil, errBudget
	}
	ps := make([][2]string, len(params))
	for i, p := range params {
		ps[i] = p
	}
	return b.client.Get(ctx, path, ps)
}

// discover recognises the presets the configured Prometheus serves and answers the Discovery, as `perfscope
// discover` finds it (pkg/discovery is the twin of src/discovery): 200 with the Discovery, 400 for a bad body or
// datasource settings, 413 for a body over 1 MiB, 502 when Prometheus fails or discovery would need more than
// DiscoveryBudget requests. Each request has the datasource's timeout.
func (d *Datasource) discover(w http.ResponseWriter, req *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			msg, stack := fmt.Sprint(p), string(debug.Stack())
			if d.client != nil {
				msg, stack = d.client.Scrub(msg), d.client.Scrub(stack)
			}
			log.DefaultLogger.Error("discovery panicked", "panic", msg, "stack", stack)
			writeJSON(w, http.StatusInternalServerError, DiscoverError{Message: prom.ErrInternal.Error()})
		}
	}()
	body, err := readBody(req)
	if err != nil || len(body) > maxProfileBytes {
		writeJSON(w, http.StatusRequestEntityTooLarge, DiscoverError{Message: "the body must be a JSON document of at most 1 MiB"})
		return
	}
	if d.client == nil {
		writeJSON(w, http.StatusBadRequest, DiscoverError{Message: d.settingsErr.Error()})
		return
	}
	opts, bad := d.discoverOptions(body)
	if bad != nil {
		writeJSON(w, http.StatusBadRequest, bad)
		return
	}
	api := &budgeted{client: d.client}
	api.left.Store(DiscoveryBudget)
	found, err := discovery.Discover(req.Context(), api, opts)
	switch {
	case errors.Is(err, errBudget):
		writeJSON(w, http.StatusBadGateway, DiscoverError{Message: fmt.Sprintf(
			"discovery stopped: it needs more than %d requests to Prometheus at %s (most go to explaining indicators without data; disable some)",
			DiscoveryBudget, d.client.Address())})
	case err != nil:
		writeJSON(w, http.StatusBadGateway, DiscoverError{Message: d.client.Scrub(discoveryFailure(d.client, err))})
	default:
		writeJSON(w, http.StatusOK, found)
	}
}

// discoveryFailure names the server for a failure that is not already a message of the client's.
func discoveryFailure(c *prom.Client, err error) string {
	var perr *prom.Error
	if errors.As(err, &perr) {
		return "discovery: " + perr.Msg
	}
	return fmt.Sprintf("discovery: Prometheus at %s: %v", c.Address(), err)
}

// readBody reads at most maxProfileBytes+1 bytes of a request's body (none when Grafana sent none).
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil {
		return nil, nil
	}
	return io.ReadAll(io.LimitReader(req.Body, maxProfileBytes+1))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
