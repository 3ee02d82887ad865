package plugin

import (
	"maps"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// varWindow is the SLA queries' own template variable (scoring.SLA): the window an error ratio or a latency
// compliance is measured over.
const varWindow = "window"

// expand fills in the query's template variables and extra ones with the library's expansion; unknown
// variables stay as they are, so Prometheus names them in its error.
func (r *run) expand(expr string, extra map[string]string) string {
	vars := r.vars
	if len(extra) > 0 {
		vars = maps.Clone(r.vars)
		maps.Copy(vars, extra)
	}
	return scoring.Interpolate(expr, vars, nil)
}
