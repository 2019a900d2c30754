/** Rules for the names a user gives a package, checked before anything is generated. */

/** A name that becomes the client class (PascalCase) and, lowercased, the default package name. */
const API_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** Why `name` cannot name an API, or undefined when it can. */
export function apiNameProblem(name: string): string | undefined {
  if (API_NAME.test(name)) return undefined;
  return `${JSON.stringify(name)} cannot become an identifier (use letters, digits, "-" or "_", starting with a letter)`;
}

/** Why `name` is not an npm package name, or undefined when it is one. */
export function packageNameProblem(name: string): string | undefined {
  if (PACKAGE_NAME.test(name) && name.length <= 214) return undefined;
  return `not a valid npm package name: ${JSON.stringify(name)} (lowercase letters, digits, ".", "_", "~" or "-", optionally "@scope/")`;
}

/** The package name used when none is given: npm names are lowercase. */
export function defaultPackageName(apiName: string): string {
  return `${apiName.toLowerCase()}-sdk`;
}
