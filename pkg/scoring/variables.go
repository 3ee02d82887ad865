package scoring

import (
	"regexp"
	"slices"
)

// VariableFormats are the formats of ${name:format} PerfScope fills in, each with the value as it is (its
// values are already the text a query needs); Grafana's other formats would write something else, so they
// stay unfilled. As src/scoring/variables.ts.
var VariableFormats = []string{"regex", "pipe", "raw"}

// variablePattern is Grafana's template variable forms: $name, ${name}, ${name:format}, [[name]],
// [[name:format]].
const variablePattern = `\$\{(\w+)(?::([^}]*))?\}|\$(\w+)|\[\[(\w+)(?::([^\]]*))?\]\]`

var variableForm = regexp.MustCompile(variablePattern)

var digitsOnly = regexp.MustCompile(`^\d+$`)

// TemplateVariable is a template variable as a query writes it.
type TemplateVariable struct {
	Text, Name, Format string
}

// UnfilledFormats are the template variables query uses with a format PerfScope does not fill in.
func UnfilledFormats(query string) []string {
	var out []string
	Interpolate(query, nil, func(v TemplateVariable) string {
		if v.Format != "" && !slices.Contains(VariableFormats, v.Format) {
			out = append(out, v.Text)
		}
		return v.Text
	})
	return out
}

// Interpolate fills in the template variables of query with vars. A variable without a value (or with a format
// PerfScope does not fill in) becomes what unfilled returns for it; with unfilled nil, its own text, so
// Prometheus names it in its error. A name of digits only is not a variable: $1 in label_replace is a group.
func Interpolate(query string, vars map[string]string, unfilled func(TemplateVariable) string) string {
	return variableForm.ReplaceAllStringFunc(query, func(text string) string {
		m := variableForm.FindStringSubmatch(text)
		name, format := m[1]+m[3]+m[4], m[2]+m[5]
		hasFormat := m[2] != "" || m[5] != "" || (m[1] != "" && len(text) > len(m[1])+3) || (m[4] != "" && len(text) > len(m[4])+4)
		if digitsOnly.MatchString(name) {
			return text
		}
		if v, ok := vars[name]; ok && (!hasFormat || slices.Contains(VariableFormats, format)) {
			return v
		}
		if unfilled == nil {
			return text
		}
		return unfilled(TemplateVariable{Text: text, Name: name, Format: format})
	})
}
