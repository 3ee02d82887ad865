package plugin

import (
	"regexp"
	"strings"
)

// varWindow is the SLA queries' own template variable (scoring.SLA): the window an error ratio or a latency
// compliance is measured over.
const varWindow = "window"

// variable is a template variable as Grafana writes it: ${name}, $name or [[name]].
var variable = regexp.MustCompile(`\$\{(\w+)\}|\$(\w+)|\[\[(\w+)\]\]`)

// expand substitutes the query's template variables and extra ones into expr; unknown variables stay as
// they are, so Prometheus names them in its error. (A copy of the rule issue 12 gives pkg/scoring.)
func (r *run) expand(expr string, extra map[string]string) string {
	return variable.ReplaceAllStringFunc(expr, func(m string) string {
		name := strings.Trim(m, "${}[]")
		if v, ok := extra[name]; ok {
			return v
		}
		if v, ok := r.vars[name]; ok {
			return v
		}
		return m
	})
}
