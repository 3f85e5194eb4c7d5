/** Where each recorded fact comes from (repository and path), named by the contract cases. */
export const PYTHON_SDK = 'playlyfe/playlyfe-python-sdk test/test.py';
export const PHP_SDK = 'playlyfe/playlyfe-php-sdk tests/PlaylyfeTest.php testv2Routes';
export const GO_SDK = 'playlyfe/playlyfe-go-sdk playlyfe_test.go TestClientV2';
export const RUBY_SDK = 'playlyfe/playlyfe-ruby-sdk test/test.rb';
export const CSHARP_SDK = 'playlyfe/playlyfe-csharp-sdk test/Test.cs v2API';
export const JAVA_SDK =
  'playlyfe/playlyfe-java-sdk src/test/java/com/playlyfe/sdk/test/PlaylyfeTest.java testv2';
export const NODE_SDK = 'playlyfe/playlyfe-node-sdk test/test.coffee';
export const MOODLE = 'nagyistge/moodle-playlyfe';
export const REDMINE =
  'foton/redmine_gamification_playlyfe test/integration/playlyfe_exception_test.rb';
export const API_NOTES = 'shared/playlyfe-api.md section 9';
