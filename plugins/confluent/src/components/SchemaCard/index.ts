export { SchemaCard } from './SchemaCard';
