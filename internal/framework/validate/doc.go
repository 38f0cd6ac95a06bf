// Package validate holds small, reusable terraform-plugin-framework validators shared by the
// provider's resources: id prefixes, Quartz cron expressions and alert event ids. Each validator
// skips null and unknown values (they are checked again once known) and says in its diagnostic
// what a valid value looks like; a string validator is a StringRule (a description and a check),
// here and in the resource packages.
package validate
