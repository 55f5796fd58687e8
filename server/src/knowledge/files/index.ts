// Every knowledge file and its schema: the knowledge test validates them all.
import type { KnowledgeFile } from '../loader';
import { hygieneFile } from './hygiene';
import { jurisdictionsFile } from './jurisdictions';

export const KNOWLEDGE_FILES: KnowledgeFile<unknown>[] = [jurisdictionsFile, hygieneFile] as KnowledgeFile<unknown>[];
