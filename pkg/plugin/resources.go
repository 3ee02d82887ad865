package plugin

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// maxProfileBytes bounds a profile sent for validation.
const maxProfileBytes = 1 << 20

// newResources serves /api/plugins/perfscope-health-datasource/resources/{profile/validate,presets}.
func newResources(d *Datasource) backend.CallResourceHandler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /profile/validate", d.validateProfile)
	mux.HandleFunc("GET /presets", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, scoring.MetricPresets()) })
	return httpadapter.New(mux)
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
	body, err := io.ReadAll(io.LimitReader(req.Body, maxProfileBytes+1))
	if err != nil || len(body) > maxProfileBytes {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": "the profile must be a JSON document of at most 1 MiB"})
		return
	}
	parsed := scoring.ParseProfile(body)
	res := ValidationResult{}
	switch {
	case d.client == nil:
		res.PromQLError = "the datasource settings are not valid, so Prometheus could not check the PromQL"
	default:
		if err := parsed.CheckQueries(req.Context(), d.client.CheckSyntax); err != nil {
			res.PromQLError = err.Error()
		} else {
			res.PromQLChecked = true
		}
	}
	res.Problems = parsed.Problems
	if res.Problems == nil {
		res.Problems = []scoring.Problem{}
	}
	res.Valid = len(res.Problems) == 0
	writeJSON(w, http.StatusOK, res)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
