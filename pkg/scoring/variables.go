package scoring

import (
	"regexp"
	"slices"
	"strings"
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

// TemplateVariable is a template variable as a query writes it: ${name:format} has a format (maybe empty).
type TemplateVariable struct {
	Text, Name, Format string
	HasFormat          bool
}

// UnfilledFormats are the template variables query uses with a format PerfScope does not fill in.
func UnfilledFormats(query string) []string {
	var out []string
	Interpolate(query, nil, func(v TemplateVariable) string {
		if v.HasFormat && !slices.Contains(VariableFormats, v.Format) {
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
	var out strings.Builder
	last := 0
	for _, m := range variableForm.FindAllStringSubmatchIndex(query, -1) {
		out.WriteString(query[last:m[0]])
		last = m[1]
		v := TemplateVariable{Text: query[m[0]:m[1]]}
		// Groups: 1 ${name, 2 :format}, 3 $name, 4 [[name, 5 :format]].
		for _, g := range []int{1, 3, 4} {
			if m[2*g] >= 0 {
				v.Name = query[m[2*g]:m[2*g+1]]
			}
		}
		for _, g := range []int{2, 5} {
			if m[2*g] >= 0 {
				v.Format, v.HasFormat = query[m[2*g]:m[2*g+1]], true
			}
		}
		value, ok := vars[v.Name]
		switch {
		case digitsOnly.MatchString(v.Name):
			out.WriteString(v.Text)
		case ok && (!v.HasFormat || slices.Contains(VariableFormats, v.Format)):
			out.WriteString(value)
		case unfilled == nil:
			out.WriteString(v.Text)
		default:
			out.WriteString(unfilled(v))
		}
	}
	out.WriteString(query[last:])
	return out.String()
}

// EscapeForString makes text a value for a double-quoted PromQL string: backslashes, double quotes and line
// breaks escaped. As src/scoring/variables.ts.
func EscapeForString(text string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(text)
}

// ViewerVariables are the variables whose values a dashboard's viewer chooses. PerfScope escapes them for a
// double-quoted string (EscapeForString), so a profile query may use them only inside one: in '…', `…` or
// bare they could end the string or the selector and add PromQL of the viewer's own.
var ViewerVariables = []string{"service", "domain"}

// UnquotedVariables are the viewer variables (as written) query uses outside a double-quoted string (or a
// comment).
func UnquotedVariables(query string) []string {
	safe := make([]bool, len(query)) // inside a double-quoted string or a comment
	var quote byte
	for i := 0; i < len(query); i++ {
		ch := query[i]
		if quote == 0 {
			switch ch {
			case '#': // a comment, to the end of the line: an escaped value cannot end it
				for ; i < len(query) && query[i] != '\n'; i++ {
					safe[i] = true
				}
			case '"', '\'', '`':
				quote = ch
			}
			continue
		}
		safe[i] = quote == '"'
		switch {
		case ch == '\\' && quote != '`':
			i++ // an escaped character: a variable starting there would have its value's first character escaped
		case ch == quote:
			quote = 0
			safe[i] = false
		}
	}
	var out []string
	for _, m := range variableForm.FindAllStringSubmatchIndex(query, -1) {
		var name string
		for _, g := range []int{1, 3, 4} {
			if m[2*g] >= 0 {
				name = query[m[2*g]:m[2*g+1]]
			}
		}
		if slices.Contains(ViewerVariables, name) && !safe[m[0]] {
			out = append(out, query[m[0]:m[1]])
		}
	}
	return out
}
