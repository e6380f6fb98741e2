/** The node's name and version, as `system_name` / `system_version` and `veritrain --version` report them. */
export const NODE_NAME = 'Veritrain Node';
export const NODE_VERSION = '0.1.0';
