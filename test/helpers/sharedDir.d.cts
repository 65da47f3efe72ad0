export declare const SHARED_DIR: string;
export declare function sharedPath(...parts: string[]): string;
